/**
 * What the client sends (auth, custom headers, form-encoded queries, proxy tunnels), how it
 * retries 429s, what it surfaces from successful answers (warnings), and that no message
 * ever holds a secret, whatever the server echoes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient, type PrometheusConfigInput, type PromResult } from './index';
import { json, proxy, serve, type Handler, type TestServer } from './test-servers';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function clientFor(handler: Handler, config: Partial<PrometheusConfigInput> = {}): Promise<{ client: PrometheusClient; server: TestServer }> {
  const server = await serve(handler);
  const client = createPrometheusClient({ url: server.url, ...config });
  open.push(server, client);
  return { client, server };
}

function failure<T>(r: PromResult<T>) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

const VECTOR = { status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'a' }, value: [1700000000, '1'] }] } };

describe('what the client sends', () => {
  it('a query as a POSTed form with the time in unix seconds, and the configured headers and bearer token', async () => {
    const { client, server } = await clientFor((_q, res) => json(res, 200, VECTOR), { auth: { kind: 'bearer', token: 'tok-123456' }, headers: { 'X-Scope-OrgID': 'team-a' } });
    const r = await client.query({ query: 'sum(up) by (job)', time: 1_700_000_000_500, timeoutSeconds: 5 });
    expect(r.ok).toBe(true);
    const seen = server.requests[0]!;
    expect([seen.method, seen.url]).toEqual(['POST', '/api/v1/query']);
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({ query: 'sum(up) by (job)', time: '1700000000.5', timeout: '5' });
    expect(seen.headers.authorization).toBe('Bearer tok-123456');
    expect(seen.headers['x-scope-orgid']).toBe('team-a');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('a range query, series selectors and a path prefix', async () => {
    const { client, server } = await clientFor((q, res) => json(res, 200, q.url.includes('series') ? { status: 'success', data: [] } : { status: 'success', data: { resultType: 'matrix', result: [] } }));
    const prefixed = createPrometheusClient({ url: `${server.url}/prom/`, auth: { kind: 'basic', username: 'u', password: 'p' } });
    open.push(prefixed);
    await prefixed.queryRange({ query: 'up', start: 1000, end: 61_000, step: 15 });
    await client.series({ match: ['up', 'down{a="b"}'], start: 0, end: 1000 });
    expect(server.requests[0]!.url).toBe('/prom/api/v1/query_range');
    expect(new URLSearchParams(server.requests[0]!.body).toString()).toBe('query=up&start=1&end=61&step=15');
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(new URLSearchParams(server.requests[1]!.body).getAll('match[]')).toEqual(['up', 'down{a="b"}']);
  });

  it('label values as a GET with the label name escaped in the path', async () => {
    const { client, server } = await clientFor((_q, res) => json(res, 200, { status: 'success', data: ['x'] }));
    expect(await client.labelValues('a/b', { match: ['up'] })).toEqual({ ok: true, value: ['x'], warnings: [], infos: [] });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/label/a%2Fb/values?match%5B%5D=up' });
  });

  it('through an HTTP proxy with credentials, tunnelled with CONNECT', async () => {
    const p = await proxy('puser', 'proxy-secret-99');
    open.push(p);
    const { client, server } = await clientFor((_q, res) => json(res, 200, VECTOR), { proxyUrl: `http://puser:proxy-secret-99@127.0.0.1:${Number(new URL(p.url).port)}` });
    expect((await client.query({ query: 'up' })).ok).toBe(true);
    expect(p.tunnels).toEqual([`127.0.0.1:${server.port}`]);
  });

  it('a proxy that refuses the credentials: said so, without the proxy password', async () => {
    const p = await proxy('puser', 'right');
    open.push(p);
    const { client } = await clientFor((_q, res) => json(res, 200, VECTOR), { proxyUrl: `http://puser:proxy-secret-99@127.0.0.1:${new URL(p.url).port}` });
    const e = failure(await client.query({ query: 'up' }));
    expect(e).toEqual({ kind: 'network', code: 'PROXY_AUTH', message: 'the proxy refused the credentials (407 Proxy Authentication Required)' });
  });
});

describe('429 Too Many Requests is retried with a capped backoff', () => {
  it('two 429s then an answer: the answer, after three requests', async () => {
    const { client, server } = await clientFor((_q, res, n) => (n <= 2 ? json(res, 429, { status: 'error', errorType: 'too_many', error: 'slow down' }, { 'retry-after': '0' }) : json(res, 200, VECTOR)));
    const r = await client.query({ query: 'up' });
    expect(r.ok).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('429 every time: rate_limited after the configured attempts, no more requests', async () => {
    const { client, server } = await clientFor((_q, res) => (res.writeHead(429, { 'content-type': 'text/plain' }), res.end('Too Many Requests')), { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 } });
    const e = failure(await client.query({ query: 'up' }));
    expect(e).toEqual({ kind: 'rate_limited', attempts: 4, message: expect.stringMatching(/answered 429 Too Many Requests 4 times in a row; try again later$/) });
    expect(server.requests).toHaveLength(4);
  });

  it('a Retry-After longer than the cap waits only the cap, and the wait is cancellable', async () => {
    const { client, server } = await clientFor((_q, res) => json(res, 429, {}, { 'retry-after': '3600' }), { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 60_000 } });
    const ac = new AbortController();
    const pending = client.query({ query: 'up' }, ac.signal);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    expect(failure(await pending).kind).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });
});

describe('what a successful answer carries besides its data', () => {
  it('warnings and infos are surfaced', async () => {
    const { client } = await clientFor((_q, res) => json(res, 200, { ...VECTOR, warnings: ['remote read failed: store X'], infos: ['PromQL info: metric might not be a counter'] }));
    const r = await client.query({ query: 'rate(x[5m])' });
    expect(r).toMatchObject({ ok: true, warnings: ['remote read failed: store X'], infos: ['PromQL info: metric might not be a counter'] });
  });

  it('native histogram samples are left out with a warning saying how many', async () => {
    const h = { count: '2', sum: '3', buckets: [] };
    const data = { resultType: 'vector', result: [{ metric: { a: '1' }, value: [1, '5'] }, { metric: { a: '2' }, histogram: [1, h] }] };
    const { client } = await clientFor((_q, res) => json(res, 200, { status: 'success', data }));
    const r = await client.query({ query: 'x' });
    expect(r).toEqual({ ok: true, value: { resultType: 'vector', result: [{ metric: { a: '1' }, value: [1, '5'] }] }, warnings: ['1 native histogram sample is not shown (Vigie draws float samples only)'], infos: [] });
  });
});

describe('secrets never appear in messages', () => {
  const PASSWORD = 'hunter2-very-secret';
  const TOKEN = 'tok-abcdef-123456';
  const API_KEY = 'key-0123456789';
  /** A server that echoes every header it got in an HTML page, as some broken proxies do. */
  const echo: Handler = (q, res) => (res.writeHead(200, { 'content-type': 'text/html' }), res.end(`<pre>${JSON.stringify(q.headers)}</pre>`));
  const configs: { name: string; config: Partial<PrometheusConfigInput>; secrets: string[] }[] = [
    { name: 'basic auth', config: { auth: { kind: 'basic', username: 'admin', password: PASSWORD } }, secrets: [PASSWORD, Buffer.from(`admin:${PASSWORD}`).toString('base64')] },
    { name: 'a bearer token', config: { auth: { kind: 'bearer', token: TOKEN } }, secrets: [TOKEN] },
    { name: 'an API key in a custom header', config: { headers: { 'X-Api-Key': API_KEY } }, secrets: [API_KEY] },
  ];
  for (const c of configs) {
    it(`${c.name}, echoed back by the server, is replaced by ***`, async () => {
      const { client } = await clientFor(echo, c.config);
      const e = failure(await client.buildInfo());
      expect(e.kind).toBe('unexpected_content');
      expect(e.message).toContain('***');
      for (const s of c.secrets) expect(JSON.stringify(e)).not.toContain(s);
      for (const s of c.secrets) expect(JSON.stringify(await client.test())).not.toContain(s);
    });
  }

  it('credentials written in the URL are moved to basic auth and never shown', async () => {
    const { server } = await clientFor((_q, res) => (res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }), res.end()));
    const client = createPrometheusClient({ url: server.url.replace('http://', `http://admin:${PASSWORD}@`) });
    open.push(client);
    expect(client.url).toBe(server.url);
    const e = failure(await client.buildInfo());
    expect(e).toEqual({ kind: 'unauthorized', status: 401, message: `${server.url} refused the credentials (401 Unauthorized): check the user name and password or the token` });
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`);
  });
});

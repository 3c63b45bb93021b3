/**
 * Servers that are not (well-behaved) Prometheus servers: a login page, a hang, an endless
 * answer, a closed port, a wrong shape. Each gives one clear message and nothing freezes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient, type PrometheusConfigInput, type PromResult } from './index';
import { closedPort, json, serve, type Handler, type TestServer } from './test-servers';

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

const LOGIN_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>';

describe('answers that are not Prometheus JSON are named for what they are', () => {
  const cases: { name: string; handler: Handler; kind: string; says: RegExp }[] = [
    {
      name: 'an HTML login page (200) gives its status, type and first bytes',
      handler: (_q, res) => (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }), res.end(LOGIN_PAGE)),
      kind: 'unexpected_content',
      says: /\/api\/v1\/status\/buildinfo answered 200 with text\/html; charset=utf-8, not Prometheus' JSON: "<!DOCTYPE html> <html><head><title>Sign in/,
    },
    {
      name: 'a proxy’s 502 error page',
      handler: (_q, res) => (res.writeHead(502, { 'content-type': 'text/html' }), res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')),
      kind: 'unexpected_content',
      says: /answered 502 with text\/html.*502 Bad Gateway/,
    },
    {
      name: 'a body with no content type at all',
      handler: (_q, res) => (res.writeHead(500), res.end('panic: runtime error')),
      kind: 'unexpected_content',
      says: /answered 500 with no content type, not Prometheus' JSON: "panic: runtime error"/,
    },
    {
      name: 'a 404 page: the URL is not a Prometheus root',
      handler: (_q, res) => (res.writeHead(404, { 'content-type': 'text/plain' }), res.end('404 page not found')),
      kind: 'not_found',
      says: /buildinfo: 404 Not Found; is http:\/\/127\.0\.0\.1:\d+ the root of a Prometheus server/,
    },
    {
      name: 'JSON that does not parse',
      handler: (_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"status":"succ')),
      kind: 'unexpected_content',
      says: /JSON that does not parse: "\{\\"status\\":\\"succ"/,
    },
    {
      name: 'JSON without Prometheus’ envelope',
      handler: (_q, res) => json(res, 200, { hello: 'world' }),
      kind: 'invalid_answer',
      says: /not a Prometheus API answer/,
    },
    {
      name: 'an envelope whose data lacks fields',
      handler: (_q, res) => json(res, 200, { status: 'success', data: { version: '2.42.0' } }),
      kind: 'invalid_answer',
      says: /buildinfo: the answer does not have Prometheus' shape \(revision: /,
    },
    {
      name: 'an unavailable server (503 JSON)',
      handler: (_q, res) => json(res, 503, { status: 'error', errorType: 'unavailable', error: 'TSDB not ready' }),
      kind: 'server',
      says: /^Prometheus failed \(503, unavailable\): TSDB not ready$/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { client } = await clientFor(c.handler);
      const e = failure(await client.buildInfo());
      expect(e.kind).toBe(c.kind);
      expect(e.message).toMatch(c.says);
    });
  }

  it('a redirect to a login page says where the page came from, without its query string', async () => {
    const { client } = await clientFor((q, res) => {
      if (q.url.startsWith('/login')) return void (res.writeHead(200, { 'content-type': 'text/html' }), res.end(LOGIN_PAGE));
      res.writeHead(302, { location: '/login?state=opaque-token' });
      res.end();
    });
    const e = failure(await client.buildInfo());
    expect(e.kind).toBe('unexpected_content');
    expect(e.message).toMatch(/buildinfo \(redirected to http:\/\/127\.0\.0\.1:\d+\/login\) answered 200 with text\/html/);
    expect(e.message).not.toContain('opaque-token');
  });

  it('a vector sample whose value is a number, not a string, is an invalid answer naming the field', async () => {
    const { client } = await clientFor((_q, res) => json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] } }));
    const e = failure(await client.query({ query: 'up' }));
    expect(e.kind).toBe('invalid_answer');
    expect(e.message).toMatch(/api\/v1\/query: .*result\.0\.value\.1/);
  });
});

describe('servers that never finish are given up on, in words', () => {
  it('a server that accepts and never answers: a client timeout', async () => {
    const { client } = await clientFor(() => undefined, { timeoutMs: 300 });
    const e = failure(await client.query({ query: 'up' }));
    expect(e).toEqual({ kind: 'timeout', side: 'client', message: expect.stringMatching(/^no whole answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query within 0\.3s/) });
  });

  it('a server that sends headers, then stops in the middle of the body: a client timeout', async () => {
    const { client } = await clientFor((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.write('{"status":"success","data":')), { timeoutMs: 300 });
    expect(failure(await client.buildInfo())).toMatchObject({ kind: 'timeout', side: 'client' });
  });

  it('the caller’s AbortSignal ends a hanging request as cancelled, not as a timeout', async () => {
    let arrived!: () => void;
    const seen = new Promise<void>((r) => (arrived = r));
    const { client } = await clientFor(() => arrived(), { timeoutMs: 60_000 });
    const ac = new AbortController();
    const pending = client.query({ query: 'up' }, ac.signal);
    await seen;
    ac.abort();
    expect(failure(await pending)).toEqual({ kind: 'cancelled', message: 'cancelled' });
  });

  it('an endless answer stops being read past 50 MB, and the connection is closed', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => (closed = r));
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const { client } = await clientFor((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => closed());
      const pump = () => {
        while (!res.destroyed && sent < 200 * chunk.length) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    const e = failure(await client.query({ query: 'up' }));
    expect(e).toEqual({ kind: 'too_large', limitBytes: 50 * 1024 * 1024, message: expect.stringMatching(/is bigger than 50 MB; reading stopped there/) });
    await serverSawClose;
    expect(sent).toBeLessThan(200 * chunk.length);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const { client } = await clientFor((_q, res) => (res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2048) }), res.write('{')), { maxBodyBytes: 1024 });
    expect(failure(await client.query({ query: 'up' }))).toMatchObject({ kind: 'too_large', limitBytes: 1024, message: expect.stringMatching(/bigger than 1024 bytes/) });
  });
});

describe('no server at all', () => {
  it('a closed port: nothing listens at the URL', async () => {
    const port = await closedPort();
    const client = createPrometheusClient({ url: `http://127.0.0.1:${port}` });
    open.push(client);
    const e = failure(await client.buildInfo());
    expect(e).toEqual({ kind: 'network', code: 'ECONNREFUSED', message: `nothing listens at http://127.0.0.1:${port}/api/v1/status/buildinfo (connection refused)` });
    const checks = await client.test();
    expect(checks.map((c) => c.state)).toEqual(['failed', 'skipped', 'skipped']);
    expect(checks[0]!.message).toBe(e.message);
  });

  it('a port fetch refuses to use is said so', async () => {
    const client = createPrometheusClient({ url: 'http://127.0.0.1:1' });
    open.push(client);
    expect(failure(await client.buildInfo())).toMatchObject({ kind: 'network', code: 'BAD_PORT', message: expect.stringMatching(/refuses to connect to this port/) });
  });
});

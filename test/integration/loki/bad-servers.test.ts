/**
 * What the user sees when the server misbehaves: one that hangs, answers HTML, sends 50 MB,
 * refuses the password, rate-limits, answers a partial result, or is not there at all. Each
 * ends in a clear sentence (never a secret) and nothing is left hanging.
 */
import type http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LokiClient, LokiConfigInput, LokiErrorKind } from '../../../main/adapters/loki/index';
import { PASSWORD, clientFor, expectNoSecrets, outcome } from './kit';
import { freePort, startTinyServer, streamsAnswer, type TinyServer } from './tiny-server';

const Q = { query: '{job="x"}', start: 0, end: 60_000, limit: 10 };
const MB = 1024 * 1024;
const basicOk = `Basic ${Buffer.from(`vigie:${PASSWORD}`).toString('base64')}`;

interface Case {
  what: string;
  handler: http.RequestListener;
  config?: Partial<LokiConfigInput>;
  call?: (c: LokiClient, signal: AbortSignal) => Promise<unknown>;
  /** Abort the call's signal once the server has seen the request. */
  abortAfterRequest?: boolean;
  want: { error: LokiErrorKind; says: RegExp } | { value: (v: unknown) => void };
}

let sentBytes = 0;
let requests = 0;

const CASES: Case[] = [
  {
    what: 'a server that never answers is abandoned after the timeout, which the message names',
    handler: () => undefined,
    config: { timeoutMs: 300 },
    want: { error: 'timeout', says: /did not answer within 0\.3 s \(the timeout of this connection\)/ },
  },
  {
    what: 'a server that stops in the middle of the body is abandoned after the timeout too',
    handler: (_q, res) => (res.writeHead(200, { 'Content-Type': 'application/json' }), res.write('{"status":"success","data":{')),
    config: { timeoutMs: 300 },
    want: { error: 'timeout', says: /did not answer within 0\.3 s/ },
  },
  {
    what: 'cancelling a request in flight ends it at once as cancelled',
    handler: () => undefined,
    abortAfterRequest: true,
    want: { error: 'cancelled', says: /^cancelled$/ },
  },
  {
    what: 'cancelling while the body is arriving ends it as cancelled too',
    handler: (_q, res) => (res.writeHead(200, { 'Content-Type': 'application/json' }), res.write('{"status":"success","data":{"resultType":"streams","result":[')),
    abortAfterRequest: true,
    want: { error: 'cancelled', says: /^cancelled$/ },
  },
  {
    what: 'an HTML page with 200 (a login page) says what came back',
    handler: (_q, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>'),
    want: { error: 'not_json', says: /answered 200 OK with text\/html; charset=utf-8 instead of JSON: "<!DOCTYPE html><html><head><title>Sign in/ },
  },
  {
    what: 'an HTML error page from a proxy names the status, the type and the first bytes',
    handler: (_q, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>'),
    want: { error: 'not_json', says: /answered 502 Bad Gateway with a web page \(text\/html\) instead of Loki's API: "<html><body><h1>502 Bad Gateway/ },
  },
  {
    what: 'a redirect (to a login page) is not followed and says where it led',
    handler: (_q, res) => res.writeHead(302, { Location: 'https://sso.example.com/login?next=%2Floki' }).end(),
    want: { error: 'redirected', says: /redirects \(302 Found\) to https:\/\/sso\.example\.com\/login\?next=%2Floki: use the final URL directly/ },
  },
  {
    what: 'JSON of another shape is refused as not Loki',
    handler: (_q, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello":"world"}'),
    want: { error: 'invalid_answer', says: /does not have the shape of Loki's API \(status: / },
  },
  {
    what: 'a 60 MB answer without a length is cut at 50 MB and reading stops',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(MB, 0x20);
      const total = 60;
      let n = 0;
      const more = (): void => {
        while (n < total && !res.destroyed) {
          n++;
          sentBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        if (n >= total) res.end();
      };
      more();
    },
    want: { error: 'too_large', says: /larger than 50 MB \(reading stopped there\): narrow the time range or lower the limit/ },
  },
  {
    what: 'an answer announcing 60 MB is refused before reading it',
    handler: (_q, res) => (res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(60 * MB) }), res.write('{')),
    want: { error: 'too_large', says: /larger than 50 MB \(it announces 60 MB\)/ },
  },
  {
    what: 'a wrong password is refused in words that do not repeat it',
    handler: (q, res) => (q.headers.authorization === 'Basic d3Jvbmc6d3Jvbmc=' ? res.end() : res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic' }).end(`invalid credentials for ${q.headers.authorization}\n`)),
    want: { error: 'unauthorized', says: /refused the credentials: 401 Unauthorized: invalid credentials for Basic \*\*\*\. Check the user name and password or the token/ },
  },
  {
    what: 'a 429 with Retry-After is retried and then succeeds',
    handler: (_q, res) => (++requests < 3 ? res.writeHead(429, { 'Retry-After': '0', 'Content-Type': 'text/plain' }).end('too many outstanding requests') : res.writeHead(200, { 'Content-Type': 'application/json' }).end(streamsAnswer([['1000000', 'line']]))),
    want: { value: (v) => (expect(requests).toBe(3), expect(v).toMatchObject({ data: { resultType: 'streams' } })) },
  },
  {
    what: 'a 429 without Retry-After is retried after a short backoff',
    handler: (_q, res) => (++requests < 2 ? res.writeHead(429, { 'Content-Type': 'text/plain' }).end('slow down') : res.writeHead(200, { 'Content-Type': 'application/json' }).end(streamsAnswer([['1000000', 'line']]))),
    want: { value: (v) => (expect(requests).toBe(2), expect(v).toMatchObject({ data: { resultType: 'streams' } })) },
  },
  {
    what: 'a server that keeps answering 429 gives up after the retries and says so',
    handler: (_q, res) => res.writeHead(429, { 'Retry-After': '0', 'Content-Type': 'text/plain' }).end('too many outstanding requests'),
    config: { maxRetries: 2 },
    want: { error: 'rate_limited', says: /rate limiting this client \(429 Too Many Requests\) after 3 attempts; it asks to retry after 0 s/ },
  },
  {
    what: 'a Retry-After beyond the cap is not waited for',
    handler: (_q, res) => res.writeHead(429, { 'Retry-After': '3600', 'Content-Type': 'text/plain' }).end('slow down'),
    want: { error: 'rate_limited', says: /after 1 attempt; it asks to retry after 3600 s/ },
  },
  {
    what: 'a partial answer keeps Loki’s warnings',
    handler: (_q, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(streamsAnswer([['1000000', 'l']], ['querier q1 timed out: partial results'])),
    want: { value: (v) => expect(v).toMatchObject({ warnings: ['querier q1 timed out: partial results'] }) },
  },
  {
    what: 'a 500 shows the server’s own words',
    handler: (_q, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('rpc error: code = Unavailable desc = ingester down\n'),
    want: { error: 'server_error', says: /Loki failed \(500 Internal Server Error\): rpc error: code = Unavailable desc = ingester down/ },
  },
];

describe('the Loki client facing misbehaving servers', () => {
  let tiny: TinyServer | null = null;
  afterEach(async () => {
    await tiny?.close();
    tiny = null;
    requests = 0;
    sentBytes = 0;
  });

  it.each(CASES)('$what', async (c) => {
    const stop = new AbortController();
    tiny = await startTinyServer((q, res) => {
      if (c.abortAfterRequest) setTimeout(() => stop.abort(), 20);
      c.handler(q, res);
    });
    const client = clientFor(tiny.url, 't', { retryCapMs: 2000, ...c.config });
    const got = await outcome((c.call ?? ((cl, signal) => cl.queryRange(Q, { signal })))(client, stop.signal));
    await client.close();
    expectNoSecrets(got);
    if ('value' in c.want) {
      if (!got.ok) throw new Error(`expected a value, got ${got.error.kind}: ${got.message}`);
      c.want.value(got.value);
    } else {
      expect(got.ok ? 'a value' : got.error.kind).toBe(c.want.error);
      if (!got.ok) expect(got.message).toMatch(c.want.says);
    }
    if (c.what.includes('60 MB answer without')) expect(sentBytes).toBeLessThan(60 * MB);
  });

  it('closing the client cancels its requests in flight', async () => {
    tiny = await startTinyServer((_q, _res) => void client.close());
    const client = clientFor(tiny.url, 't');
    const got = await outcome(client.labels());
    expect(got.ok ? 'value' : got.error.kind).toBe('cancelled');
  });

  it('the right password passes the same server', async () => {
    tiny = await startTinyServer((q, res) => (q.headers.authorization === basicOk ? res.writeHead(200, { 'Content-Type': 'application/json' }).end(streamsAnswer([])) : res.writeHead(401).end()));
    const client = clientFor(tiny.url, 't');
    expect((await client.queryRange(Q)).data).toEqual({ resultType: 'streams', result: [{ stream: { job: 'x' }, values: [] }] });
    await client.close();
  });

  it('a port where nothing listens says nothing listens at that URL', async () => {
    const port = await freePort();
    const client = clientFor(`http://127.0.0.1:${port}`, 't');
    const got = await outcome(client.labels());
    expectNoSecrets(got);
    expect(got.ok ? 'value' : got.error.kind).toBe('network');
    if (!got.ok) expect(got.message).toBe(`nothing listens at http://127.0.0.1:${port} (connection refused): is Loki running, and is the port right?`);
  });

  it.each<[string, (port: number) => string, RegExp]>([
    ['a service that is not HTTP is named as such', (port) => `http://127.0.0.1:${port}`, /answers something that is not HTTP\/1\.1: is this the port of Loki's HTTP server/],
    ['https to a server without TLS says to use http', (port) => `https://127.0.0.1:${port}`, /does not speak TLS: use http:\/\/ for this server/],
    ['a host that does not exist is a DNS failure', () => 'http://no-such-host.invalid:3100', /the host of http:\/\/no-such-host\.invalid:3100 is not found \(DNS\): check the URL/],
  ])('a wrong URL: %s', async (_what, urlOf, says) => {
    const ssh = await startTcp((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
    const client = clientFor(urlOf(ssh.port), 't');
    const got = await outcome(client.labels());
    await client.close();
    await ssh.close();
    expectNoSecrets(got);
    expect(got.ok ? 'value' : got.message).toMatch(says);
  });

  it.each([
    ['a text that is not a URL', { url: 'localhost 3100' }, /^Loki connection: url: "localhost 3100" is not a URL/],
    ['a URL with a password in it, which the message does not repeat', { url: `http://vigie:${PASSWORD}@127.0.0.1:3100` }, /^Loki connection: url: the URL holds a user or password: put them in the basic auth fields/],
    ['an ftp URL', { url: 'ftp://127.0.0.1/' }, /ftp: URLs are not supported/],
    ['a tenant with a line break', { tenant: 'a\r\nX-Evil: 1' }, /^Loki connection: tenant: a header value cannot hold line breaks/],
    ['a header named Host', { headers: { Host: 'x' } }, /^Loki connection: headers\.Host: Host is set by the client itself/],
    ['a certificate without its key', { url: 'https://x', tls: { certFile: '/tmp/c.pem' } }, /needs both its certificate file and its key file/],
    ['a CA file that does not exist', { url: 'https://x', tls: { caFile: '/nonexistent/ca.pem' } }, /the CA file \/nonexistent\/ca.pem cannot be read/],
  ])('a configuration with %s is refused before any request', (_what, config, says) => {
    let message = '';
    try {
      clientFor('http://unused', 't', config);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(says);
    expect(message).not.toContain(PASSWORD);
  });
});

/** A raw TCP service (SSH, gRPC…) on 127.0.0.1 where a user might point the URL by mistake. */
async function startTcp(onConnect: (s: Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = net.createServer((s) => (sockets.add(s), s.on('close', () => sockets.delete(s)), onConnect(s)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = (): Promise<void> => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port: (server.address() as AddressInfo).port, close };
}

/**
 * TLS and proxy options of a Loki connection against real servers on 127.0.0.1: an HTTPS Loki
 * stand-in with a certificate from a throw-away CA (openssl), one that requires a client
 * certificate, and an HTTP CONNECT proxy in front of the recorded Loki.
 */
import https from 'node:https';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LokiConfigInput, TailFrame } from '../../../main/adapters/loki/index';
import { makeTestCertificates, type TestCertificates } from '../prometheus/test-certificates';
import { clientFor, expectNoSecrets, outcome } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

const BUILDINFO = JSON.stringify({ version: 'v3.7.6', revision: 'r', branch: 'b', buildUser: 'u', buildDate: 'd', goVersion: '' });
const FRAME = JSON.stringify({ streams: [{ stream: { job: 'tls' }, values: [['1795553080553000000', 'over wss']] }] });

async function startHttps(certs: TestCertificates, requireClientCert: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const server = https.createServer(
    { cert: readFileSync(certs.serverCertFile), key: readFileSync(certs.serverKeyFile), ca: readFileSync(certs.caFile), requestCert: requireClientCert, rejectUnauthorized: requireClientCert },
    (_q, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(BUILDINFO),
  );
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.send(FRAME));
  const sockets = new Set<Socket>();
  server.on('secureConnection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('TLS and proxy options of a Loki connection', () => {
  let dir: string;
  let certs: TestCertificates;
  let plain: Awaited<ReturnType<typeof startHttps>>;
  let mutual: Awaited<ReturnType<typeof startHttps>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-loki-tls-'));
    certs = makeTestCertificates(dir);
    plain = await startHttps(certs, false);
    mutual = await startHttps(certs, true);
  });
  afterAll(async () => {
    await plain?.close();
    await mutual?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const versionWith = async (url: string, extra: Partial<LokiConfigInput>) => {
    const client = clientFor(url, 't', extra);
    const got = await outcome(client.buildInfo());
    await client.close();
    expectNoSecrets(got);
    return got.ok ? got.value.version : `${got.error.kind}: ${got.message}`;
  };

  it.each<[string, () => string, () => Partial<LokiConfigInput>, RegExp]>([
    ['a certificate from an unknown CA is refused with a hint', () => plain.url, () => ({}), /^tls: the TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not accepted \(\w+\): give the CA file, or allow insecure TLS/],
    ['the CA file makes it trusted', () => plain.url, () => ({ tls: { caFile: certs.caFile } }), /^v3\.7\.6$/],
    ['insecure TLS accepts it without a CA', () => plain.url, () => ({ tls: { insecureSkipVerify: true } }), /^v3\.7\.6$/],
    ['a server requiring a client certificate accepts ours', () => mutual.url, () => ({ tls: { caFile: certs.caFile, certFile: certs.clientCertFile, keyFile: certs.clientKeyFile } }), /^v3\.7\.6$/],
    ['a server requiring a client certificate refuses a client without one, in words', () => mutual.url, () => ({ tls: { caFile: certs.caFile } }), /^(tls|network): .*https:\/\/127\.0\.0\.1:\d+/],
  ])('%s', async (_what, url, extra, want) => {
    expect(await versionWith(url(), extra())).toMatch(want);
  });

  it('the test button warns that an insecure connection does not verify the certificate', async () => {
    const client = clientFor(plain.url, 't', { tls: { insecureSkipVerify: true } });
    const checks = await client.test();
    await client.close();
    expect(checks[0]).toEqual({ name: 'tls', status: 'warning', message: expect.stringMatching(/NOT verified/) });
    expect(checks[1]).toMatchObject({ name: 'reachable', status: 'ok' });
  });

  it('the live tail goes over wss with the same CA', async () => {
    const client = clientFor(plain.url, 't', { tls: { caFile: certs.caFile } });
    const stop = new AbortController();
    const frames: TailFrame[] = [];
    for await (const f of client.tail({ query: '{job="tls"}' }, { signal: stop.signal })) {
      frames.push(f);
      stop.abort();
    }
    await client.close();
    expect(frames.map((f) => f.streams[0]!.values[0]![1])).toEqual(['over wss']);
  });

  describe('through an HTTP proxy', () => {
    let replay: ReplayServer;
    let proxy: http.Server;
    let proxyUrl: string;
    const connects: string[] = [];
    const tunnels = new Set<Socket>();
    beforeAll(async () => {
      replay = await startReplayServer();
      proxy = http.createServer((_q, res) => res.writeHead(405).end());
      // A CONNECT tunnel, as corporate proxies offer.
      proxy.on('connect', (req, client: Socket, head) => {
        connects.push(req.url ?? '');
        const [host, port] = (req.url ?? '').split(':');
        const upstream = net.connect(Number(port), host!, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(client).pipe(upstream);
        });
        for (const s of [client, upstream]) (tunnels.add(s), s.on('close', () => tunnels.delete(s)), s.on('error', () => s.destroy()));
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      for (const s of tunnels) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await replay.close();
    });

    it('requests reach Loki through the proxy’s tunnel', async () => {
      const client = clientFor(replay.url, 'loki-api-fixtures', { proxyUrl });
      expect(await client.labels({ start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 20, 0, 5) })).toEqual(['env', 'filename', 'host', 'job']);
      await client.close();
      expect(connects).toEqual([new URL(replay.url).host]);
    });

    it('the live tail reaches Loki through the proxy’s tunnel, ws and wss alike', async () => {
      connects.length = 0;
      const lines: string[] = [];
      for (const [url, extra] of [
        [replay.url, {}],
        [plain.url, { tls: { caFile: certs.caFile } }],
      ] as const) {
        const client = clientFor(url, url === replay.url ? 'loki-api-tail' : 't', { proxyUrl, ...extra });
        const stop = new AbortController();
        const query = url === replay.url ? { query: '{job="tailtest"}', limit: 10, start: 1795553142718, delayFor: 3 } : { query: '{job="tls"}' };
        for await (const f of client.tail(query, { signal: stop.signal })) {
          lines.push(...f.streams.map((s) => s.values[0]![1]));
          stop.abort();
        }
        await client.close();
      }
      expect(lines).toEqual(['delayed line', 'over wss']);
      expect(connects).toEqual([new URL(replay.url).host, new URL(plain.url).host]);
    });

    it('a proxy where nothing listens is named in the message', async () => {
      const dead = net.createServer();
      await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
      const port = (dead.address() as AddressInfo).port;
      await new Promise<void>((resolve) => dead.close(() => resolve()));
      const client = clientFor(replay.url, 'loki-api-fixtures', { proxyUrl: `http://127.0.0.1:${port}` });
      const got = await outcome(client.labels());
      await client.close();
      expect(got.ok ? 'value' : got.error.kind).toBe('network');
      if (!got.ok) expect(got.message).toBe(`nothing listens at the proxy http://127.0.0.1:${port} (connection refused): is the proxy running, and is the port right?`);
    });
  });
});

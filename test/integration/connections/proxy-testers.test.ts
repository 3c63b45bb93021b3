import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRealPrometheus, type RealPrometheus } from '../prometheus/real-prometheus';
import { ConnectionService } from '../../../main/services/connections/connection-service';
import { fileSecretBackend } from '../../../main/services/connections/file-secret-store';
import { testHttp } from '../../../main/services/connections/http-testers';
import { testSsh } from '../../../main/services/connections/ssh-tester';
import { tempConfigDir } from '../../../main/services/connections/test-kit';

/** A real (small) HTTP CONNECT proxy, as squid or tinyproxy tunnel; it records what it was asked. */
function startProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => (res.statusCode = 405, res.end()));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => (client.destroy(), upstream.destroy()));
      s.on('close', () => sockets.delete(s));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        tunnels,
        close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
      }),
    ),
  );
}

let prom: RealPrometheus;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const { dir, cleanup } = tempConfigDir();
beforeAll(async () => {
  [prom, proxy] = await Promise.all([startRealPrometheus(), startProxy()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([prom?.stop(), proxy?.close()]);
  cleanup();
});

const svc = new ConnectionService({ configDir: dir, backend: fileSecretBackend(join(dir, 'connection-secrets.json')), testers: { http: testHttp, ssh: testSsh }, home: dir });
async function test(proxyUrl: string) {
  const r = await svc.save({ settings: { kind: 'prometheus', name: proxyUrl, url: prom.url, proxyUrl }, secrets: {} });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return svc.test(r.connection.id, new AbortController().signal);
}

describe('a connection through an HTTP proxy', () => {
  it('reaches the real Prometheus through the proxy, which saw the tunnel', async () => {
    const t = await test(proxy.url);
    expect(t.checks.map((c) => [c.name, c.status])).toEqual([['proxy', 'ok'], ['reachable', 'ok'], ['authentication', 'ok'], ['query', 'ok']]);
    expect(proxy.tunnels).toContain(new URL(prom.url).host);
  });

  it('a proxy that is down is named as the problem, not the server behind it', async () => {
    const port = await freePort();
    const t = await test(`http://127.0.0.1:${port}`);
    expect(t).toEqual({ ok: false, checks: [{ name: 'proxy', ok: false, status: 'failed', message: `nothing listens at the proxy 127.0.0.1:${port} (connection refused)` }] });
  });
});

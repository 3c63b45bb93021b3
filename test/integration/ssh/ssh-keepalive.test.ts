/**
 * A connection that goes silent (a network partition, a laptop lid: no FIN, no RST) is only
 * noticed by keepalive, which ssh2 leaves off unless asked. Between the client and a real
 * sshd sits a TCP relay that can black-hole its traffic: keepalive must notice, the
 * connection be remade once the relay heals, and following resume with nothing lost.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, until } from '../../../main/adapters/fs/test-files';
import { KnownHosts, openRemoteIndexedFile, type SshConnectionState } from '../../../main/adapters/ssh/index';
import { startRealSshd, type RealSshd } from './real-sshd';
import { connectionTo } from './ssh-test-kit';

/** Relays 127.0.0.1:port → target; `silent` drops every byte both ways without closing anything. */
async function relay(target: number): Promise<{ port: number; setSilent(v: boolean): void; close(): void }> {
  let silent = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (d) => silent || upstream.write(d));
    upstream.on('data', (d) => silent || client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    setSilent: (v) => void (silent = v),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

let sshd: RealSshd;
beforeAll(async () => {
  sshd = await startRealSshd();
});
afterAll(async () => sshd?.stop());

describe('keepalive', () => {
  it('notices a connection gone silent, remakes it once the network heals, and following resumes with nothing lost', async () => {
    const r = await relay(sshd.port);
    // The relay's port is another [127.0.0.1]:port entry for the same host key.
    const knownHosts = new KnownHosts([writeKnown(sshd, r.port)]);
    const conn = connectionTo(sshd, { port: r.port }, { knownHosts, keepaliveMs: 200, keepaliveCountMax: 2, readyTimeoutMs: 2000, backoff: { initialMs: 50, maxMs: 200 } });
    const states: SshConnectionState['kind'][] = [];
    conn.onState((s) => states.push(s.kind));
    const p = join(sshd.dir, 'silent.log');
    writeFileSync(p, '2024-01-01T00:00:00Z 0\n');
    const f = openRemoteIndexedFile(conn, p, { follow: true, pollMs: 50 });
    try {
      expect(await settled(f)).toMatchObject({ state: 'ready' });
      r.setSilent(true);
      for (let i = 1; i < 50; i++) appendFileSync(p, `2024-01-01T00:00:00Z ${i}\n`);
      await until(() => states.includes('reconnecting'), 15_000, 'keepalive to notice the silence');
      r.setSilent(false);
      await until(() => f.lineCount() === 50, 20_000, `50 lines (have ${f.lineCount()})`);
      expect((await f.read(0, 50)).map((l) => l.text.split(' ')[1])).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
      expect(f.status()).toMatchObject({ state: 'ready' });
      expect(conn.generation).toBeGreaterThan(1);
    } finally {
      await f.close();
      await conn.close();
      r.close();
    }
  });
});

function writeKnown(s: RealSshd, port: number): string {
  const file = join(s.dir, `known_hosts.relay.${port}`);
  writeFileSync(file, `${s.knownHostsLine().replace(`:${s.port} `, `:${port} `)}\n`);
  return file;
}

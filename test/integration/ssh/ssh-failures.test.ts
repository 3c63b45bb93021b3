/**
 * What goes wrong between Vigie and an SSH host, on real sockets and a real sshd: a server
 * that never answers, one that is not SSH, reconnection backoff while sshd is down, and a
 * host key that changed while reconnecting (refused, never accepted silently).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, until } from '../../../main/adapters/fs/test-files';
import { KnownHosts, SshFailure, openRemoteIndexedFile, statRemote, type SshConnectionState } from '../../../main/adapters/ssh/index';
import { startRealSshd, type RealSshd } from './real-sshd';
import { connectionTo, knownHostsFile } from './ssh-test-kit';

let sshd: RealSshd;
beforeAll(async () => {
  sshd = await startRealSshd();
});
afterAll(async () => sshd?.stop());

/** A TCP server on 127.0.0.1 that does `onSocket` with each connection. */
async function fakeServer(onSocket: (s: import('node:net').Socket) => void): Promise<{ port: number; server: Server }> {
  const server = createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as { port: number }).port, server };
}

describe('SSH servers that misbehave', () => {
  it.each([
    { name: 'a server that accepts and never answers gives a timeout in words', onSocket: () => undefined, reason: 'timeout', words: /no answer in time/ },
    { name: 'a server that is not SSH (an HTTP answer) is reported, not hung on', onSocket: (s: import('node:net').Socket) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'), reason: 'not-ssh', words: /is this the SSH port\?/ },
  ])('$name', async ({ onSocket, reason, words }) => {
    const { port, server } = await fakeServer(onSocket);
    const conn = connectionTo(sshd, { port }, { readyTimeoutMs: 800 });
    try {
      const e = await conn.connect().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(SshFailure);
      const f = e as SshFailure;
      expect(f.problem.kind).toBe('network');
      expect((f.problem as { reason: string }).reason).toMatch(reason);
      expect(f.error.message).toMatch(words);
    } finally {
      await conn.close();
      server.close();
    }
  });
});

describe('operations on a connection not made yet', () => {
  it('make one connection for operations that start together', async () => {
    const conn = connectionTo(sshd);
    const [a, b] = await Promise.all([statRemote(conn, sshd.dir), statRemote(conn, sshd.clientKeyPath)]);
    expect([a.kind, b.kind]).toEqual(['folder', 'file']);
    expect(conn.generation).toBe(1);
    await conn.close();
  });

  it('all fail with the first connection\'s problem, none left waiting', async () => {
    const conn = connectionTo(sshd, {}, { knownHosts: new KnownHosts([knownHostsFile(sshd, [])]) });
    const results = await Promise.allSettled([statRemote(conn, sshd.dir), statRemote(conn, sshd.dir), conn.connect()]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as SshFailure).problem.kind)).toEqual(['host-key-unknown', 'host-key-unknown', 'host-key-unknown']);
    await conn.close();
  });
});

describe('reconnecting', () => {
  it('retries with capped exponential backoff while sshd is down, then reads again', async () => {
    const conn = connectionTo(sshd, {}, { backoff: { initialMs: 40, maxMs: 200 } });
    await conn.connect();
    const states: SshConnectionState[] = [];
    conn.onState((s) => states.push(s));
    await sshd.kill();
    await until(() => states.filter((s) => s.kind === 'reconnecting').length >= 6, 20_000, '6 reconnect attempts');
    await sshd.restart();
    expect(await statRemote(conn, sshd.dir)).toMatchObject({ kind: 'folder' });
    const delays = states.flatMap((s) => (s.kind === 'reconnecting' ? [s.nextInMs] : []));
    expect(delays.slice(0, 6)).toEqual([40, 80, 160, 200, 200, 200]);
    const first = states.find((s) => s.kind === 'reconnecting');
    expect(first).toMatchObject({ problem: { kind: 'connection-lost' } });
    expect(states.filter((s) => s.kind === 'reconnecting').slice(1)).toContainEqual(expect.objectContaining({ problem: expect.objectContaining({ kind: 'network', reason: 'refused' }) }));
    expect(states.at(-1)).toMatchObject({ kind: 'ready' });
    await conn.close();
  });

  it('refuses a host key that changed while reconnecting, and the followed file says so', async () => {
    const p = join(sshd.dir, 'followed.log');
    writeFileSync(p, '2024-01-01T00:00:00Z a\n');
    const conn = connectionTo(sshd);
    await conn.connect();
    const f = openRemoteIndexedFile(conn, p, { follow: true, pollMs: 30 });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    await sshd.kill();
    await sshd.restart({ newHostKey: true });
    await until(() => f.status().state === 'error', 20_000, 'the follower to fail');
    const st = f.status();
    expect(st).toMatchObject({ state: 'error', error: { code: 'unauthorized' } });
    expect(st.state === 'error' && st.error.message).toMatch(/host key has CHANGED/);
    expect(conn.state()).toMatchObject({ kind: 'failed', problem: { kind: 'host-key-changed', fingerprint: sshd.fingerprint() } });
    await f.close();
    await conn.close();
  });
});

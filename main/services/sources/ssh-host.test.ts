import { describe, expect, it } from 'vitest';
import type { SshConnectionState, SshProblem } from '../../adapters/ssh/index';
import { SshFailure } from '../../adapters/ssh/ssh-errors';
import { SshHostPool } from './ssh-host-pool';
import { stateWords, type SshHost } from './ssh-host';

const say = (p: SshProblem): string => new SshFailure(p).message;
const ref = { host: 'web1', port: 2222 };

describe('an SSH source card tells the connection state in words', () => {
  it.each<[string, SshConnectionState, ReturnType<SshHost['state']>]>([
    ['a connection being made', { kind: 'connecting' }, { state: 'connecting', message: null }],
    ['a ready connection', { kind: 'ready', generation: 1 }, { state: 'ready', message: null }],
    [
      'a dropped connection, with the attempt and the delay',
      { kind: 'reconnecting', attempt: 0, nextInMs: 500, problem: { kind: 'connection-lost', detail: 'ECONNRESET', ...ref } },
      { state: 'reconnecting', message: 'web1:2222: the connection dropped (ECONNRESET); reconnecting (attempt 1, next try in 500 ms)' },
    ],
    [
      'a host that refuses while reconnecting',
      { kind: 'reconnecting', attempt: 3, nextInMs: 4000, problem: { kind: 'network', reason: 'refused', detail: 'ECONNREFUSED', ...ref } },
      { state: 'reconnecting', message: 'web1:2222: connection refused: no SSH server listens on that port (ECONNREFUSED); reconnecting (attempt 4, next try in 4 s)' },
    ],
    [
      'an unknown host key, with its fingerprint and where to accept it',
      { kind: 'failed', problem: { kind: 'host-key-unknown', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', key: 'AAAA', otherTypes: [], ...ref } },
      {
        state: 'failed',
        message: 'web1:2222: unknown host key (ssh-ed25519 SHA256:abc). Accept it only if it is the fingerprint the server administrator gives. To accept it, open the Connections page, test "web" and press Accept.',
        unknownHostKey: { host: 'web1', port: 2222, algorithm: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
      },
    ],
    [
      'a refused login',
      { kind: 'failed', problem: { kind: 'auth-refused', username: 'ops', tried: ['agent'], ...ref } },
      { state: 'failed', message: `web1:2222: authentication refused for user "ops" (tried: agent). Check the user name and that the key is in the server's authorized_keys.` },
    ],
  ])('%s', (_what, state, expected) => {
    expect(stateWords(state, 'web', say)).toEqual(expected);
  });
});

describe('the SSH connections shared by sources', () => {
  const fakeHost = (id: string, log: string[], tag = id): SshHost => ({ connectionId: id, tag, close: async () => void log.push(`close ${tag}`) }) as unknown as SshHost;

  it('opens one connection per id for every source of it, and closes it with the last one', async () => {
    const log: string[] = [];
    const pool = new SshHostPool(async (id) => (log.push(`open ${id}`), fakeHost(id, log)));
    const [a, b] = await Promise.all([pool.acquire('c1'), pool.acquire('c1')]);
    expect(a).toBe(b);
    const c = await pool.acquire('c2');
    expect(pool.counts()).toEqual({ c1: 2, c2: 1 });
    await pool.release(a);
    expect(log).toEqual(['open c1', 'open c2']);
    await pool.release(b);
    await pool.release(c);
    expect(log).toEqual(['open c1', 'open c2', 'close c1', 'close c2']);
    expect(pool.counts()).toEqual({});
  });

  it('gives new sources a new connection once the settings changed, and closes the old one with its last source', async () => {
    const log: string[] = [];
    let n = 0;
    const pool = new SshHostPool(async (id) => fakeHost(id, log, `${id}#${++n}`));
    const old = await pool.acquire('c1');
    pool.retire('c1');
    const fresh = await pool.acquire('c1');
    expect(fresh).not.toBe(old);
    await pool.release(old);
    expect(log).toEqual(['close c1#1']);
    expect(pool.counts()).toEqual({ c1: 1 });
    await pool.release(fresh);
    expect(log).toEqual(['close c1#1', 'close c1#2']);
  });

  it('keeps no failed connection: the next source tries again', async () => {
    let calls = 0;
    const pool = new SshHostPool(async (id) => {
      if (++calls === 1) throw new Error('host key unknown');
      return fakeHost(id, []);
    });
    await expect(Promise.all([pool.acquire('c1'), pool.acquire('c1')])).rejects.toThrow('host key unknown');
    expect(pool.counts()).toEqual({});
    await pool.acquire('c1');
    expect({ calls, counts: pool.counts() }).toEqual({ calls: 2, counts: { c1: 1 } });
  });
});

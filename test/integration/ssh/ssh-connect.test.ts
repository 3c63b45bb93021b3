/**
 * Connecting to a real sshd: host key verification against known_hosts (unknown → the
 * fingerprint ssh-keygen prints, then accepted; changed, revoked → refused, naming the file
 * and line; hashed entries), key and agent auth, and a readable message for each failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnownHosts, SshFailure, statRemote, type SshConnection, type SshProblem } from '../../../main/adapters/ssh/index';
import { freePort, startRealSshd, SSH_KEYGEN, type RealSshd } from './real-sshd';
import { connectionTo, knownHostsFile } from './ssh-test-kit';

let sshd: RealSshd;
beforeAll(async () => {
  sshd = await startRealSshd({ clientKeyPassphrase: 'correct horse' });
});
afterAll(async () => sshd?.stop());

/** The SshFailure a connect() rejects with (fails the test if it connects). */
async function failureOf(conn: SshConnection): Promise<SshFailure> {
  try {
    await conn.connect();
  } catch (e) {
    await conn.close();
    if (e instanceof SshFailure) return e;
    throw e;
  }
  await conn.close();
  throw new Error('connected, but a failure was expected');
}

/** A fresh ed25519 public key line body (type + base64), not the server's. */
function otherKey(name: string): string {
  const path = join(sshd.dir, name);
  spawnSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

const passphrase = { passphrase: 'correct horse' };

describe('SSH host keys checked against known_hosts', () => {
  it('gives an unknown host key with the SHA256 fingerprint ssh-keygen prints, then connects once it is accepted', async () => {
    const file = knownHostsFile(sshd, []);
    const knownHosts = new KnownHosts([file]);
    const f = await failureOf(connectionTo(sshd, passphrase, { knownHosts }));
    expect(f.problem.kind).toBe('host-key-unknown');
    const p = f.problem as Extract<SshProblem, { kind: 'host-key-unknown' }>;
    expect(p.fingerprint).toBe(sshd.fingerprint());
    expect(p.keyType).toBe('ssh-ed25519');
    expect(f.error.message).toContain(sshd.fingerprint());
    await knownHosts.acceptHostKey(p.host, p.port, Buffer.from(p.key, 'base64'));
    expect(readFileSync(file, 'utf8')).toBe(`${sshd.knownHostsLine()}\n`);
    const conn = connectionTo(sshd, passphrase, { knownHosts });
    await conn.connect();
    expect(conn.state().kind).toBe('ready');
    await conn.close();
  });

  it('refuses a changed host key and names the known_hosts file and line holding the old one', async () => {
    const file = knownHostsFile(sshd, ['# comment', `other.example ${otherKey('k1')}`, `[127.0.0.1]:${sshd.port} ${otherKey('k2')}`]);
    const f = await failureOf(connectionTo(sshd, passphrase, { knownHosts: new KnownHosts([file]) }));
    expect(f.problem).toMatchObject({ kind: 'host-key-changed', file, line: 3, fingerprint: sshd.fingerprint() });
    expect(f.error.message).toMatch(/CHANGED/);
    expect(f.error.message).toContain(`${file} line 3`);
  });

  it('refuses a key marked @revoked', async () => {
    const file = knownHostsFile(sshd, [`@revoked * ${sshd.knownHostsLine().split(' ').slice(1).join(' ')}`, sshd.knownHostsLine()]);
    const f = await failureOf(connectionTo(sshd, passphrase, { knownHosts: new KnownHosts([file]) }));
    expect(f.problem).toMatchObject({ kind: 'host-key-revoked', file, line: 1 });
  });

  it('matches a hashed known_hosts entry written by ssh-keygen -H', async () => {
    const file = knownHostsFile(sshd);
    const r = spawnSync(SSH_KEYGEN, ['-H', '-f', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const conn = connectionTo(sshd, passphrase, { knownHosts: new KnownHosts([file]) });
    await conn.connect();
    await conn.close();
  });

  it('reads a second known_hosts file (a Vigie-owned one) after the user one', async () => {
    const knownHosts = new KnownHosts([knownHostsFile(sshd, []), knownHostsFile(sshd)]);
    const conn = connectionTo(sshd, passphrase, { knownHosts });
    await conn.connect();
    await conn.close();
  });
});

describe('SSH authentication and failures in words', () => {
  it('logs in with an encrypted key file and its passphrase', async () => {
    const conn = connectionTo(sshd, passphrase);
    await conn.connect();
    expect(await statRemote(conn, sshd.clientKeyPath)).toMatchObject({ kind: 'file' });
    await conn.close();
  });

  it.each([
    { name: 'a key the server does not know is refused as authentication', target: () => ({ privateKeyPath: join(sshd.dir, 'k1') }), kind: 'auth-refused', words: /authentication refused for user/ },
    { name: 'a wrong passphrase says so and does not show it', target: () => ({ passphrase: 'tr0ub4dor' }), kind: 'key-unreadable', words: /wrong passphrase/ },
    { name: 'an encrypted key without a passphrase asks for one', target: () => ({ passphrase: '' }), kind: 'key-unreadable', words: /passphrase is needed/ },
    { name: 'a missing key file is named', target: () => ({ privateKeyPath: join(sshd.dir, 'nope') }), kind: 'key-unreadable', words: /nope: cannot use this private key: no such file/ },
  ])('$name', async ({ target, kind, words }) => {
    const f = await failureOf(connectionTo(sshd, { ...passphrase, ...target() }));
    expect(f.problem.kind).toBe(kind);
    expect(f.error.message).toMatch(words);
    expect(f.error.message).not.toMatch(/tr0ub4dor|correct horse/);
  });

  it('says the connection was refused when nothing listens on the port', async () => {
    const port = await freePort();
    const f = await failureOf(connectionTo(sshd, { ...passphrase, port }));
    expect(f.problem).toMatchObject({ kind: 'network', reason: 'refused' });
    expect(f.error.message).toContain(`127.0.0.1:${port}: connection refused`);
  });

  it('says a host name was not found', async () => {
    const f = await failureOf(connectionTo(sshd, { ...passphrase, host: 'no-such-host.invalid' }));
    expect(f.problem).toMatchObject({ kind: 'network', reason: 'dns' });
    expect(f.error.message).toMatch(/host name not found/);
  });

  it('logs in with the key held by a real ssh-agent', async () => {
    for (const bin of ['/usr/bin/ssh-agent', '/usr/bin/ssh-add']) if (!existsSync(bin)) throw new Error(`${bin} is missing (Debian openssh-client)`);
    const sock = join(sshd.dir, 'agent.sock');
    const agent: ChildProcess = spawn('/usr/bin/ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
      const add = spawnSync('/usr/bin/ssh-add', [join(sshd.dir, 'k1')], { env: { ...process.env, SSH_AUTH_SOCK: sock }, encoding: 'utf8' });
      expect(add.status, add.stderr).toBe(0);
      // The agent's key is not authorized: refused, and the message lists what was tried.
      const refused = await failureOf(connectionTo(sshd, { agent: sock, privateKeyPath: '' }));
      expect(refused.error.message).toMatch(/tried: agent\)/);
      const copy = join(sshd.dir, 'agent_key');
      copyFileSync(sshd.clientKeyPath, copy);
      const unlocked = spawnSync(SSH_KEYGEN, ['-p', '-P', 'correct horse', '-N', '', '-f', copy], { encoding: 'utf8' });
      expect(unlocked.status, unlocked.stderr).toBe(0);
      const add2 = spawnSync('/usr/bin/ssh-add', [copy], { env: { ...process.env, SSH_AUTH_SOCK: sock }, encoding: 'utf8' });
      expect(add2.status, add2.stderr).toBe(0);
      const conn = connectionTo(sshd, { agent: sock, privateKeyPath: '' });
      await conn.connect();
      expect(await statRemote(conn, sshd.dir)).toMatchObject({ kind: 'folder' });
      await conn.close();
    } finally {
      agent.kill();
    }
  });
});

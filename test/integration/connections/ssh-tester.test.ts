import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealSshd, type RealSshd } from '../ssh/real-sshd';
import { ConnectionService } from '../../../main/services/connections/connection-service';
import { fileSecretBackend } from '../../../main/services/connections/file-secret-store';
import { testSsh } from '../../../main/services/connections/ssh-tester';
import { tempConfigDir } from '../../../main/services/connections/test-kit';

let sshd: RealSshd;
const { dir, cleanup } = tempConfigDir();
beforeAll(async () => {
  sshd = await startRealSshd({});
});
afterAll(async () => {
  await sshd?.stop();
  cleanup();
});

const noHttp = {
  http: async () => {
    throw new Error('no HTTP in this test');
  },
  ssh: testSsh,
};

describe('testing an SSH connection against a real sshd', () => {
  const knownHosts = join(dir, 'known_hosts');
  const svc = new ConnectionService({ configDir: dir, backend: fileSecretBackend(join(dir, 'secrets.json')), testers: noHttp, home: dir });
  let id = '';

  it('shows an unknown host key with the fingerprint ssh-keygen prints, and accepting it lets the next test log in', async () => {
    const r = await svc.save({ settings: { kind: 'ssh', name: 'box', host: sshd.host, port: sshd.port, user: sshd.user, auth: { type: 'key', keyFile: sshd.clientKeyPath }, knownHostsFile: knownHosts }, secrets: {} });
    expect(r.ok).toBe(true);
    id = r.ok ? r.connection.id : '';
    const first = await svc.test(id, new AbortController().signal);
    expect(first.ok).toBe(false);
    const hostKey = first.checks.find((c) => c.name === 'host key')!;
    expect(hostKey).toMatchObject({ ok: false, unknownHostKey: { host: sshd.host, port: sshd.port, algorithm: 'ssh-ed25519', fingerprint: sshd.fingerprint() } });
    expect(hostKey.message).toContain(sshd.fingerprint());

    await svc.acceptHostKey(id, sshd.fingerprint());
    expect(readFileSync(knownHosts, 'utf8')).toContain(`[${sshd.host}]:${sshd.port} ssh-ed25519`);
    const second = await svc.test(id, new AbortController().signal);
    expect(second.checks.map((c) => [c.name, c.ok])).toEqual([
      ['private key file', true],
      ['network', true],
      ['host key', true],
      ['authentication', true],
      ['SFTP', true],
    ]);
    expect(second.ok).toBe(true);
  });

  it('refuses a changed host key, naming the known_hosts line', async () => {
    writeFileSync(knownHosts, `[${sshd.host}]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFe1vYl0rQnJjJ0GdVcq1bSgT3u3tMv3pKk8pC1mWqZs\n`);
    const t = await svc.test(id, new AbortController().signal);
    const hostKey = t.checks.find((c) => c.name === 'host key')!;
    expect(hostKey.ok).toBe(false);
    expect(hostKey.unknownHostKey).toBeUndefined();
    expect(hostKey.message).toMatch(/host key has CHANGED .* line 1/);
    await expect(svc.acceptHostKey(id, sshd.fingerprint())).rejects.toThrow(/test the connection first/);
  });

  it('says when nothing listens on the port', async () => {
    const r = await svc.save({ settings: { kind: 'ssh', name: 'closed', host: '127.0.0.1', port: 1, user: 'x', auth: { type: 'key', keyFile: sshd.clientKeyPath } }, secrets: {} });
    const t = await svc.test(r.ok ? r.connection.id : '', new AbortController().signal);
    expect(t.checks.at(-1)).toMatchObject({ name: 'network', ok: false, status: 'failed', message: expect.stringMatching(/connection refused/) });
  });

  it('says the key file is missing before trying the network', async () => {
    const r = await svc.save({ settings: { kind: 'ssh', name: 'nokey', host: sshd.host, port: sshd.port, user: sshd.user, auth: { type: 'key', keyFile: join(dir, 'missing_key') } }, secrets: {} });
    const t = await svc.test(r.ok ? r.connection.id : '', new AbortController().signal);
    expect(t.checks).toEqual([{ name: 'private key file', ok: false, status: 'failed', message: `${join(dir, 'missing_key')} does not exist` }]);
  });
});

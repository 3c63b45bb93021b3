import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../shared/contract/connections';
import { AppFailure } from '../../../shared/model/app-error';
import { ConnectionService } from './connection-service';
import { fileSecretBackend } from './file-secret-store';
import type { SecretBackend } from './secret-backend';
import { allFiles, tempConfigDir, tinyServer } from './test-kit';
import type { ConnectionTesters } from './tester-port';

const PASSWORD = 'correct-horse-battery-staple';
const basic = Buffer.from(`alice:${PASSWORD}`).toString('base64');

/** A server that wants alice's password and echoes what it got when refusing (as some proxies do). */
let server: Awaited<ReturnType<typeof tinyServer>>;
beforeAll(async () => {
  server = await tinyServer((req, res) => {
    if (req.headers.authorization === `Basic ${basic}`) return void res.end('ready');
    res.statusCode = 401;
    res.end(`refused credentials ${req.headers.authorization ?? '(none)'}`);
  });
});
afterAll(() => server.close());

/** A small real HTTP tester: one GET with the auth header, the answer in words. */
const accepted: string[] = [];
const testers: ConnectionTesters = {
  async http(s, secrets, signal): Promise<ConnectionCheck[]> {
    if (s.url.includes('hang')) return new Promise(() => undefined);
    const headers: Record<string, string> = {};
    if (s.auth.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${s.auth.username}:${secrets.password}`).toString('base64')}`;
    try {
      const r = await fetch(s.url, { headers, signal });
      return [{ name: 'HTTP', ok: r.ok, status: r.ok ? 'ok' : 'failed', message: `${r.status}: ${await r.text()}` }];
    } catch (e) {
      throw new Error(`cannot reach ${s.url} with password ${secrets.password}: ${(e as Error).message}`);
    }
  },
  async ssh(s) {
    const fingerprint = 'SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    return {
      checks: [{ name: 'host key', ok: false, status: 'failed', message: `the host key of ${s.host} is not in known_hosts`, unknownHostKey: { host: s.host, port: s.port, algorithm: 'ssh-ed25519', fingerprint } }],
      unknownHostKey: { info: { host: s.host, port: s.port, algorithm: 'ssh-ed25519', fingerprint }, accept: async () => void accepted.push(s.host) },
    };
  },
};

const { dir, cleanup } = tempConfigDir();
afterAll(cleanup);
const secretsFile = join(dir, 'connection-secrets.json');
const make = (backend: SecretBackend = fileSecretBackend(secretsFile)) => new ConnectionService({ configDir: dir, backend, testers, home: '/home/nobody', graceMs: 50 });
const errors: string[] = [];
const capture = async <T>(p: Promise<T>): Promise<T | undefined> => p.catch((e: unknown) => void errors.push(e instanceof AppFailure ? JSON.stringify(e.error) : String(e)));

describe('the connections service', () => {
  const svc = make();
  let id = '';

  it('saves a Prometheus connection with basic auth; the list says a password is stored, never which', async () => {
    const r = await svc.save({ settings: { kind: 'prometheus', name: 'prom', url: server.url, auth: { type: 'basic', username: 'alice' } }, secrets: { password: PASSWORD } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    id = r.connection.id;
    expect(r.connection.hasSecret).toEqual({ password: true, token: false, passphrase: false, headers: {} });
    const list = await svc.list();
    expect(list.connections.map((c) => c.settings.name)).toEqual(['prom']);
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
  });

  it('tests it against the real server with the stored password', async () => {
    expect(await svc.test(id, new AbortController().signal)).toEqual({ ok: true, checks: [{ name: 'HTTP', ok: true, status: 'ok', message: '200: ready' }] });
  });

  it('keeps the stored password when an edit leaves it blank, and replaces it when given', async () => {
    const r = await svc.save({ settings: { id, kind: 'prometheus', name: 'prom', url: server.url, auth: { type: 'basic', username: 'alice' }, timeoutMs: 5000 }, secrets: {} });
    expect(r.ok && r.connection.hasSecret.password).toBe(true);
    await svc.save({ settings: { id, kind: 'prometheus', name: 'prom', url: server.url, auth: { type: 'basic', username: 'alice' } }, secrets: { password: 'wrong-password-1' } });
    const t = await svc.test(id, new AbortController().signal);
    expect(t.ok).toBe(false);
    // The server echoed the Authorization header: the test says 401 but shows no credential.
    expect(t.checks[0]!.message).toBe('401: refused credentials Basic ***');
    await svc.save({ settings: { id, kind: 'prometheus', name: 'prom', url: server.url, auth: { type: 'basic', username: 'alice' } }, secrets: { password: PASSWORD } });
  });

  it('says in words when the server cannot be reached, without the password', async () => {
    const r = await svc.save({ settings: { kind: 'prometheus', name: 'nowhere', url: 'http://127.0.0.1:1', auth: { type: 'basic', username: 'alice' } }, secrets: { password: PASSWORD } });
    expect(r.ok).toBe(true);
    const t = await svc.test(r.ok ? r.connection.id : '', new AbortController().signal);
    expect(t.checks).toEqual([{ name: 'connection', ok: false, status: 'failed', message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:1 with password \*\*\*: fetch failed/) }]);
    await svc.remove(r.ok ? r.connection.id : '');
  });

  it('answers a hanging server with a deadline message', async () => {
    const r = await svc.save({ settings: { kind: 'loki', name: 'hangs', url: 'http://127.0.0.1:9/hang', timeoutMs: 100 }, secrets: {} });
    const t = await svc.test(r.ok ? r.connection.id : '', new AbortController().signal);
    expect(t.checks).toEqual([{ name: 'connection', ok: false, status: 'failed', message: 'no answer within 0.1 s: the server hangs or is unreachable' }]);
    await svc.remove(r.ok ? r.connection.id : '');
  });

  it.each([
    { name: 'a second connection with the same name', settings: { kind: 'loki', name: 'PROM', url: 'http://h:3100' }, secrets: {}, field: 'name', message: /already named "prom"/ },
    { name: 'basic auth without a password', settings: { kind: 'loki', name: 'l', url: 'http://h:3100', auth: { type: 'basic', username: 'u' } }, secrets: {}, field: 'secrets.password', message: /password is required/ },
    { name: 'a secret header without its value', settings: { kind: 'loki', name: 'l', url: 'http://h:3100', headers: [{ name: 'X-Key', secret: true }] }, secrets: {}, field: 'headers.0.value', message: /value of header X-Key is required/ },
    { name: 'an unknown id', settings: { id: 'nope', kind: 'loki', name: 'l', url: 'http://h:3100' }, secrets: {}, field: 'id', message: /no connection nope/ },
    { name: 'a bad URL with a password given', settings: { kind: 'loki', name: 'l', url: `ftp://h/${PASSWORD}`, auth: { type: 'basic', username: 'u' } }, secrets: { password: PASSWORD }, field: 'url', message: /must start with http/ },
  ])('refuses $name with an error at its field', async ({ settings, secrets, field, message }) => {
    const r = await svc.save({ settings, secrets });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    errors.push(JSON.stringify(r.errors));
  });

  it('deletes secrets the settings no longer use, and all of them on remove', async () => {
    const r = await svc.save({ settings: { kind: 'loki', name: 'tok', url: server.url, auth: { type: 'bearer' }, headers: [{ name: 'X-Key', secret: true }] }, secrets: { token: 'bearer-token-1', headers: { 'x-key': 'header-secret-1' } } });
    expect(r.ok && r.connection.hasSecret).toEqual({ password: false, token: true, passphrase: false, headers: { 'X-Key': true } });
    const tokId = r.ok ? r.connection.id : '';
    const before = (await fileSecretBackend(secretsFile).store.names()).filter((n) => n.includes(tokId));
    expect(before).toHaveLength(2);
    await svc.save({ settings: { id: tokId, kind: 'loki', name: 'tok', url: server.url }, secrets: {} });
    expect((await fileSecretBackend(secretsFile).store.names()).filter((n) => n.includes(tokId))).toEqual([]);
    await svc.remove(tokId);
    expect((await svc.list()).connections.map((c) => c.settings.name)).toEqual(['prom']);
  });

  it('shows an unknown SSH host key and accepts it only by the fingerprint the test saw', async () => {
    const r = await svc.save({ settings: { kind: 'ssh', name: 'box', host: '127.0.0.1', port: 2222, user: 'ops' }, secrets: {} });
    const sshId = r.ok ? r.connection.id : '';
    const t = await svc.test(sshId, new AbortController().signal);
    const seen = t.checks[0]!.unknownHostKey!;
    expect(seen.fingerprint).toMatch(/^SHA256:/);
    await expect(svc.acceptHostKey(sshId, 'SHA256:other')).rejects.toThrow(/now presents SHA256:abc/);
    await svc.acceptHostKey(sshId, seen.fingerprint);
    expect(accepted).toEqual(['127.0.0.1']);
    await expect(svc.acceptHostKey(sshId, seen.fingerprint)).rejects.toThrow(/test the connection first/);
    await svc.remove(sshId);
  });

  it('hands a connection with its secrets to the services that query it, and tells them when it changes', async () => {
    expect(await svc.prometheusConfig(id)).toEqual({ url: server.url, auth: { kind: 'basic', username: 'alice', password: PASSWORD }, headers: {}, tls: { insecureSkipVerify: false }, timeoutMs: 30_000 });
    await expect(svc.lokiConfig(id)).rejects.toThrow('connection "prom" is a prometheus connection, not loki');
    const changed: string[] = [];
    const off = svc.onChange((x) => changed.push(x));
    await svc.save({ settings: { id, kind: 'prometheus', name: 'prom', url: server.url, tenant: 'team-a', auth: { type: 'basic', username: 'alice' } }, secrets: {} });
    off();
    expect(changed).toEqual([id]);
    expect((await svc.prometheusConfig(id)).headers).toEqual({ 'X-Scope-OrgID': 'team-a' });
  });

  it('a new service over the same folder lists what was saved', async () => {
    expect((await make().list()).connections.map((c) => [c.settings.name, c.hasSecret.password])).toEqual([['prom', true]]);
    await capture(make().remove('does-not-exist'));
    expect(errors.at(-1)).toMatch(/no connection does-not-exist/);
  });

  it('never writes the password anywhere but the 0600 secrets file, nor into any error', () => {
    const files = allFiles(dir);
    expect(files.map((f) => f.path).sort()).toEqual([join(dir, 'connection-secrets.json'), join(dir, 'connections.json')]);
    for (const f of files.filter((f) => f.path !== secretsFile)) {
      for (const s of [PASSWORD, basic, 'bearer-token-1', 'header-secret-1', 'wrong-password-1']) expect(f.text).not.toContain(s);
    }
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsFile, 'utf8')).toContain(PASSWORD);
    expect(errors.length).toBeGreaterThan(4);
    for (const e of errors) expect(e).not.toContain(PASSWORD);
  });
});

describe('a weak secret backend (Electron basic_text)', () => {
  it('refuses to store a secret until the user agrees, then stores it', async () => {
    const { dir: d, cleanup: c } = tempConfigDir();
    try {
      const weak: SecretBackend = { ...fileSecretBackend(join(d, 's.json')), kind: 'basic_text', description: 'basic_text' };
      const svc = new ConnectionService({ configDir: d, backend: weak, testers, home: d });
      expect(await svc.backendInfo()).toMatchObject({ kind: 'basic_text', needsConsent: true, canStore: false });
      const settings = { kind: 'loki', name: 'l', url: 'http://h:3100', auth: { type: 'bearer' } };
      const refused = await svc.save({ settings, secrets: { token: 'tok-abc' } });
      expect(refused).toEqual({ ok: false, errors: [{ field: 'secrets.token', message: expect.stringMatching(/basic_text obfuscation only .* agree/) }] });
      expect(await svc.consent()).toMatchObject({ needsConsent: false, canStore: true });
      // The consent is kept in the settings file: a restart does not ask again.
      const again = new ConnectionService({ configDir: d, backend: weak, testers, home: d });
      expect((await again.save({ settings, secrets: { token: 'tok-abc' } })).ok).toBe(true);
    } finally {
      c();
    }
  });

  it('a secrets file it must refuse still lists the connections, and the backend says why', async () => {
    const { dir: d, cleanup: c } = tempConfigDir();
    try {
      const svc = new ConnectionService({ configDir: d, backend: fileSecretBackend(join(d, 's.json')), testers, home: d });
      expect((await svc.save({ settings: { kind: 'loki', name: 'l', url: 'http://h:3100', auth: { type: 'bearer' } }, secrets: { token: 'tok-xyz' } })).ok).toBe(true);
      writeFileSync(join(d, 's.json'), '{ damaged "tok-xyz"');
      expect((await svc.list()).connections).toMatchObject([{ settings: { name: 'l' }, hasSecret: { token: false } }]);
      const info = await svc.backendInfo();
      expect(info.warning).toMatch(/s\.json is not valid JSON/);
      expect(info.warning).not.toContain('tok-xyz');
    } finally {
      c();
    }
  });

  it('sees a settings file written by someone else (by hand, another Vigie window) since it last read it', async () => {
    const { dir: d, cleanup: c } = tempConfigDir();
    try {
      const svc = new ConnectionService({ configDir: d, backend: fileSecretBackend(join(d, 's.json')), testers, home: d });
      expect((await svc.list()).connections).toEqual([]);
      writeFileSync(join(d, 'connections.json'), JSON.stringify({ version: 1, connections: [{ id: 'p1', kind: 'prometheus', name: 'by hand', url: 'http://127.0.0.1:9090' }] }));
      expect((await svc.list()).connections).toMatchObject([{ id: 'p1', settings: { name: 'by hand', timeoutMs: 30_000, auth: { type: 'none' } } }]);
      expect(await svc.prometheusConfig('p1')).toMatchObject({ url: 'http://127.0.0.1:9090' });
    } finally {
      c();
    }
  });

  it('reports a corrupt settings file once, kept aside, and keeps working', async () => {
    const { dir: d, cleanup: c } = tempConfigDir();
    try {
      writeFileSync(join(d, 'connections.json'), '{ oops');
      const svc = new ConnectionService({ configDir: d, backend: fileSecretBackend(join(d, 's.json')), testers, home: d });
      expect((await svc.list()).problem).toMatch(/connections\.json could not be read: not valid JSON .* kept as .*connections\.json\.corrupt-/);
      expect((await svc.save({ settings: { kind: 'loki', name: 'l', url: 'http://h:3100' }, secrets: {} })).ok).toBe(true);
      expect(await svc.list()).toMatchObject({ problem: null, connections: [{ settings: { name: 'l' } }] });
    } finally {
      c();
    }
  });
});

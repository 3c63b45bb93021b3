import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../loki/replay-server';
import { freePort, startRealPrometheus, type RealPrometheus } from '../prometheus/real-prometheus';
import { ConnectionService } from '../../../main/services/connections/connection-service';
import { fileSecretBackend } from '../../../main/services/connections/file-secret-store';
import { testHttp } from '../../../main/services/connections/http-testers';
import { testSsh } from '../../../main/services/connections/ssh-tester';
import { allFiles, tempConfigDir, tinyServer } from '../../../main/services/connections/test-kit';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const PASSWORD = 'prom-pass-42';
/** bcrypt of PASSWORD, as Prometheus' --web.config.file wants it (made with crypt(3) $2b$). */
const PASSWORD_BCRYPT = '$2b$12$kKigZiJD9.X7Iqy5./cVz.EcLI4v6r81W.hMsW3hSFP3tmn5mk3UK';

/** A real Alertmanager on 127.0.0.1, clustering off, its data in a temp folder. */
async function startAlertmanager(webConfig?: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync(ALERTMANAGER)) throw new Error(`${ALERTMANAGER} is missing: install the Debian package prometheus-alertmanager (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-am-'));
  writeFileSync(join(dir, 'am.yml'), 'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n');
  if (webConfig) writeFileSync(join(dir, 'web.yml'), webConfig);
  const port = await freePort();
  const args = [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', ...(webConfig ? [`--web.config.file=${join(dir, 'web.yml')}`] : [])];
  const child: ChildProcess = spawn(ALERTMANAGER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d));
  child.stderr!.on('data', (d: Buffer) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited:\n${log}`);
    // With basic auth on, a 401 also says it is up.
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok || r.status === 401, () => false);
    if (ready) break;
    if (i > 300) throw new Error(`alertmanager did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let prom: RealPrometheus;
let am: Awaited<ReturnType<typeof startAlertmanager>>;
let amAuth: Awaited<ReturnType<typeof startAlertmanager>>;
let html: Awaited<ReturnType<typeof tinyServer>>;
let loki: ReplayServer;
const { dir, cleanup } = tempConfigDir();
beforeAll(async () => {
  [prom, am, amAuth, html, loki] = await Promise.all([
    startRealPrometheus({ webConfig: `basic_auth_users:\n  alice: ${PASSWORD_BCRYPT}\n`, probe: { headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}` } } }),
    startAlertmanager(),
    startAlertmanager(`basic_auth_users:\n  alice: ${PASSWORD_BCRYPT}\n`),
    tinyServer((_req, res) => (res.setHeader('content-type', 'text/html'), res.end('<html><body>Please log in</body></html>'))),
    startReplayServer(),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([prom?.stop(), am?.stop(), amAuth?.stop(), html?.close(), loki?.close()]);
  cleanup();
});

const svc = new ConnectionService({ configDir: dir, backend: fileSecretBackend(join(dir, 'connection-secrets.json')), testers: { http: testHttp, ssh: testSsh }, home: dir });
async function saveAndTest(settings: Record<string, unknown>, secrets: Record<string, string> = {}) {
  const r = await svc.save({ settings, secrets });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return svc.test(r.connection.id, new AbortController().signal);
}
const summary = (t: Awaited<ReturnType<typeof saveAndTest>>) => t.checks.map((c) => [c.name, c.status]);

describe('testing HTTP connections against real servers', () => {
  it('a real Prometheus with basic auth: reachable, credentials accepted, a query answers', async () => {
    const t = await saveAndTest({ kind: 'prometheus', name: 'prom', url: prom.url, auth: { type: 'basic', username: 'alice' } }, { password: PASSWORD });
    expect(summary(t)).toEqual([['reachable', 'ok'], ['authentication', 'ok'], ['query', 'ok']]);
    expect(t.checks[0]!.message).toMatch(/^Prometheus 2\.\d+\.\d+.* answers at http:\/\/127\.0\.0\.1:\d+/);
    expect(t.checks[2]!.message).toBe('queries work: 1+1 = 2');
    expect(t.ok).toBe(true);
  });

  it('the same Prometheus with a wrong password: the refusal in words, no password in it', async () => {
    const t = await saveAndTest({ kind: 'prometheus', name: 'prom-wrong', url: prom.url, auth: { type: 'basic', username: 'alice' } }, { password: 'not-the-password' });
    expect(t.ok).toBe(false);
    expect(t.checks.find((c) => c.name === 'authentication')).toMatchObject({ status: 'failed', message: expect.stringMatching(/refused the credentials \(401 Unauthorized\)/) });
    expect(JSON.stringify(t)).not.toContain('not-the-password');
  });

  it('a URL where nothing listens says so', async () => {
    const port = await freePort();
    const t = await saveAndTest({ kind: 'prometheus', name: 'nothing', url: `http://127.0.0.1:${port}` });
    expect(t.checks[0]).toMatchObject({ name: 'reachable', status: 'failed', message: `nothing listens at http://127.0.0.1:${port}/api/v1/status/buildinfo (connection refused)` });
  });

  it('a server that answers HTML says it is not Prometheus', async () => {
    const t = await saveAndTest({ kind: 'prometheus', name: 'html', url: html.url });
    expect(t.ok).toBe(false);
    expect(t.checks.map((c) => c.message).join(' ')).toMatch(/text\/html, not Prometheus' JSON/);
  });

  it('a server that accepts the connection but never answers: a timeout in words, nothing frozen', async () => {
    const hang = await tinyServer(() => undefined);
    try {
      const t = await saveAndTest({ kind: 'prometheus', name: 'hangs', url: hang.url, timeoutMs: 500 });
      expect(t.checks[0]).toMatchObject({ name: 'reachable', status: 'failed', message: expect.stringMatching(/within 0\.5 ?s \(the server hangs or is too slow\)/) });
      const am = await saveAndTest({ kind: 'alertmanager', name: 'am-hangs', url: hang.url, timeoutMs: 500 });
      expect(am.checks[0]).toMatchObject({ name: 'reachable', status: 'failed', message: expect.stringMatching(/within 0\.5 s \(the server hangs or is too slow\)/) });
    } finally {
      await hang.close();
    }
  });

  it('a real Alertmanager: its version, and its alerts readable', async () => {
    const t = await saveAndTest({ kind: 'alertmanager', name: 'am', url: am.url });
    expect(summary(t)).toEqual([['reachable', 'ok'], ['authentication', 'ok'], ['alerts', 'ok']]);
    expect(t.checks[0]!.message).toMatch(/^Alertmanager 0\.\d+\.\d+ answers at http:\/\/127\.0\.0\.1:\d+/);
    expect(t.checks[2]!.message).toBe('the alerts are readable: 0 active alerts');
  });

  it('an Alertmanager with basic auth: the right password passes, a wrong one is refused in words', async () => {
    const ok = await saveAndTest({ kind: 'alertmanager', name: 'am-auth', url: amAuth.url, auth: { type: 'basic', username: 'alice' } }, { password: PASSWORD });
    expect(summary(ok)).toEqual([['reachable', 'ok'], ['authentication', 'ok'], ['alerts', 'ok']]);
    const wrong = await saveAndTest({ kind: 'alertmanager', name: 'am-auth-wrong', url: amAuth.url, auth: { type: 'basic', username: 'alice' } }, { password: 'wrong-password-9' });
    expect(wrong.checks).toEqual([
      { name: 'reachable', ok: true, status: 'ok', message: `a server answers at ${amAuth.url}` },
      { name: 'authentication', ok: false, status: 'failed', message: `${amAuth.url} refused the credentials (401 Unauthorized)` },
    ]);
  });

  it('an Alertmanager URL pointing at Prometheus says it is not an Alertmanager', async () => {
    const t = await saveAndTest({ kind: 'alertmanager', name: 'am-wrong', url: prom.url });
    expect(t.ok).toBe(false);
    expect(t.checks.at(-1)!.status).toBe('failed');
  });

  it('a Loki (recorded answers of Loki 3.7.6): its version, then each of its checks named in words', async () => {
    const t = await saveAndTest({ kind: 'loki', name: 'loki', url: loki.url, tenant: 'loki-api-fixtures' });
    expect(t.checks[0]).toMatchObject({ name: 'reachable', status: 'ok', message: `Loki v3.7.6 answers at ${loki.url}` });
    for (const c of t.checks) expect(['reachable', 'TLS', 'authentication', 'tenant', 'labels']).toContain(c.name);
  });

  it('the password is only in the 0600 secrets file', () => {
    for (const f of allFiles(dir)) if (!f.path.endsWith('connection-secrets.json')) expect(f.text).not.toContain(PASSWORD);
  });
});

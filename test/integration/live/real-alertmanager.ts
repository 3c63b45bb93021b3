/**
 * A real Alertmanager for tests (Debian's /usr/bin/prometheus-alertmanager): started on
 * 127.0.0.1 on a free port with its storage in a temporary folder, clustering off
 * (`--cluster.listen-address=` empty), a `null` receiver (and a webhook one when asked); resolves once /-/ready answers.
 * `stop()` ends it and removes the folder. A missing binary is an Error (tests fail, never skip).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../prometheus/real-prometheus';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

export interface RealAlertmanager {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

/** Everything goes to the null receiver; with a webhook URL, alerts also reach it (to see what Alertmanager notifies, resolved ones included). */
const config = (webhookUrl?: string) => `route:
  receiver: 'null'
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
${webhookUrl ? `  routes:
    - receiver: hook
      continue: true
` : ''}receivers:
  - name: 'null'
${webhookUrl ? `  - name: hook
    webhook_configs:
      - url: '${webhookUrl}'
        send_resolved: true
` : ''}`;

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export async function startRealAlertmanager(options: { webhookUrl?: string } = {}): Promise<RealAlertmanager> {
  if (!existsSync(ALERTMANAGER_BIN)) throw new Error(`${ALERTMANAGER_BIN} is missing: this test needs the real Alertmanager (Debian package "prometheus-alertmanager"; .ci/run installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-alertmanager-'));
  writeFileSync(join(dir, 'alertmanager.yml'), config(options.webhookUrl));
  const port = await freePort();
  const child = spawn(
    ALERTMANAGER_BIN,
    [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const keep = (b: Buffer) => void (output = (output + b.toString('utf8')).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(kill), resolve()));
        child.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`alertmanager exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    try {
      const r = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
      await r.body?.cancel();
      if (r.status === 200) return { url, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`alertmanager at ${url} was not ready within 60 s:\n${output}`);
}

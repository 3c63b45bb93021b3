/**
 * A real Prometheus for tests (the Debian package's /usr/bin/prometheus and promtool).
 *
 * API (reusable from e2e tests):
 *
 *   const prom = await startRealPrometheus({ rules?, webConfig?, scheme?, probe?, openMetrics?, fixture? })
 *     - writes OpenMetrics data (default: makeOpenMetricsFixture(), 6 h of counters, a gauge and
 *       a classic histogram up to 10 minutes ago), backfills it with
 *       `promtool tsdb create-blocks-from openmetrics FILE DATADIR`,
 *     - starts `prometheus --config.file=… --storage.tsdb.path=DATADIR
 *       --web.listen-address=127.0.0.1:FREEPORT --storage.tsdb.retention.time=100y` with no
 *       scrape targets (`rules`: the YAML of one rule file, evaluated every second;
 *       `webConfig`: the YAML of --web.config.file, for basic auth / TLS, then pass
 *       `scheme: 'https'` and `probe: { headers, ca, cert, key }` (PEM text) so readiness can be checked;
 *       `scrapeSelf`: also scrape its own /metrics every second, for metadata and targets),
 *     - resolves once GET /-/ready answers 200, and fails with the server's log if it exits.
 *   prom.url        'http://127.0.0.1:PORT' (no trailing slash)
 *   prom.fixture    the data written (times, series, families) — see openmetrics-fixture.ts
 *   prom.dir        its temporary folder (config, rules, data)
 *   prom.log()      what the server printed so far (for failure messages)
 *   await prom.stop()  SIGTERM (SIGKILL after 10 s), then the folder is removed. Also done
 *                      when the test process exits.
 *
 *   requirePrometheusBinaries() throws a clear Error when a binary is missing (tests must
 *   fail, never skip).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { makeOpenMetricsFixture, type OpenMetricsFixture } from './openmetrics-fixture';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

export interface RealPrometheusOptions {
  /** OpenMetrics text to backfill instead of the default fixture (then `fixture` describes nothing useful). */
  openMetrics?: string;
  /** Options of the default fixture. */
  fixture?: Parameters<typeof makeOpenMetricsFixture>[0];
  /** YAML of one rule file (`groups: …`), loaded through the config's rule_files. */
  rules?: string;
  /** YAML of --web.config.file (basic_auth_users, tls_server_config). */
  webConfig?: string;
  scheme?: 'http' | 'https';
  /** Scrape its own /metrics every second (job "prometheus"), so metadata and targets exist. Off by default: the data is then only the backfilled fixture. */
  scrapeSelf?: boolean;
  /** How the readiness probe authenticates when webConfig asks for it. */
  probe?: { headers?: Record<string, string>; ca?: string; cert?: string; key?: string };
}

export interface RealPrometheus {
  url: string;
  port: number;
  dir: string;
  fixture: OpenMetricsFixture;
  log(): string;
  stop(): Promise<void>;
}

export function requirePrometheusBinaries(): void {
  for (const [bin, what] of [
    [PROMETHEUS_BIN, 'prometheus'],
    [PROMTOOL_BIN, 'promtool'],
  ] as const) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: these tests need the real ${what} (Debian package "prometheus"; .ci/run installs it)`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function backfill(fileName: string, dataDir: string): void {
  const r = spawnSync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', fileName, dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`promtool tsdb create-blocks-from openmetrics failed (${r.status}): ${r.stderr || r.stdout}`);
}

function configYaml(hasRules: boolean, selfTarget: string | undefined): string {
  // No scrape_configs by default: the only data is what was backfilled, so answers are known in advance.
  const lines = ['global:', '  scrape_interval: 15s', '  evaluation_interval: 1s'];
  if (hasRules) lines.push('rule_files:', '  - rules.yml');
  if (selfTarget) lines.push('scrape_configs:', '  - job_name: prometheus', '    scrape_interval: 1s', '    static_configs:', `      - targets: ['${selfTarget}']`);
  return `${lines.join('\n')}\n`;
}

async function waitReady(url: string, child: ChildProcess, log: () => string, probe: RealPrometheusOptions['probe']): Promise<void> {
  const dispatcher = probe?.ca ? new Agent({ connect: { ca: probe.ca, cert: probe.cert, key: probe.key } }) : undefined;
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log()}`);
      try {
        const r = await fetch(`${url}/-/ready`, { headers: probe?.headers, dispatcher, signal: AbortSignal.timeout(2000) });
        await r.body?.cancel();
        if (r.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`prometheus at ${url} was not ready within 60 s:\n${log()}`);
  } finally {
    await dispatcher?.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startRealPrometheus(options: RealPrometheusOptions = {}): Promise<RealPrometheus> {
  requirePrometheusBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-prometheus-'));
  try {
    const fixture = makeOpenMetricsFixture(options.fixture);
    const dataDir = join(dir, 'data');
    writeFileSync(join(dir, 'data.om'), options.openMetrics ?? fixture.text);
    backfill(join(dir, 'data.om'), dataDir);
    const port = await freePort();
    writeFileSync(join(dir, 'prometheus.yml'), configYaml(options.rules !== undefined, options.scrapeSelf ? `127.0.0.1:${port}` : undefined));
    if (options.rules !== undefined) writeFileSync(join(dir, 'rules.yml'), options.rules);
    const args = [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=100y',
      '--log.level=warn',
    ];
    if (options.webConfig !== undefined) {
      writeFileSync(join(dir, 'web.yml'), options.webConfig);
      args.push(`--web.config.file=${join(dir, 'web.yml')}`);
    }
    const child = spawn(PROMETHEUS_BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => running.delete(child));
    const url = `${options.scheme ?? 'http'}://127.0.0.1:${port}`;
    const log = () => output;
    const stop = async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitReady(url, child, log, options.probe);
    } catch (e) {
      await stop();
      throw e;
    }
    return { url, port, dir, fixture, log, stop };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The real Prometheus for the PromQL bench: blocks made by `promtool tsdb create-blocks-from
 * openmetrics`, a server on 127.0.0.1 with a free port, temp folders, no scrape targets and a
 * retention that keeps the imported week, stopped (by its own pid) when the bench ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROMTOOL = '/usr/bin/promtool';
export const PROMETHEUS = '/usr/bin/prometheus';

export function requireBinaries(): void {
  for (const bin of [PROMTOOL, PROMETHEUS]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: install the Debian package "prometheus" (.ci/run does)`);
  }
}

/** promtool's import; blocks up to 162 h (the hidden --max-block-duration), so the file is parsed twice, not 84 times. */
export function createBlocks(openMetrics: string, dataDir: string): { ms: number; blocks: number } {
  const t0 = performance.now();
  const r = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=200h', '--quiet', openMetrics, dataDir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`promtool create-blocks-from failed (${r.status}): ${r.stderr || r.error?.message}`);
  const ls = spawnSync('ls', [dataDir], { encoding: 'utf8' });
  return { ms: performance.now() - t0, blocks: ls.stdout.split('\n').filter((l) => /^[0-9A-Z]{26}$/.test(l)).length };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export async function startPrometheus(dataDir: string, workDir: string): Promise<RunningPrometheus> {
  const port = await freePort();
  const config = join(workDir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  evaluation_interval: 1m\n');
  const child: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    '--storage.tsdb.retention.time=90d',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`prometheus not ready after 120 s: ${stderr}`);
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface PromRange {
  ms: number;
  /** Prometheus' own evaluation time (stats timings.evalTotalTime), without HTTP and JSON. */
  evalMs: number;
  samples: number;
  result: { metric: Record<string, string>; values: [number, string][] }[];
}

export async function promQueryRange(url: string, query: string, startS: number, endS: number, stepS: number): Promise<PromRange> {
  const params = new URLSearchParams({ query, start: String(startS), end: String(endS), step: String(stepS), stats: 'all' });
  const t0 = performance.now();
  const r = await fetch(`${url}/api/v1/query_range?${params}`);
  const body = (await r.json()) as { status: string; error?: string; data: { result: PromRange['result']; stats?: { timings: { evalTotalTime: number }; samples?: { totalQueryableSamples?: number } } } };
  const ms = performance.now() - t0;
  if (body.status !== 'success') throw new Error(`prometheus: ${query}: ${body.error}`);
  const stats = body.data.stats;
  return { ms, evalMs: (stats?.timings.evalTotalTime ?? NaN) * 1000, samples: stats?.samples?.totalQueryableSamples ?? NaN, result: body.data.result };
}

/**
 * Promtail pipeline throughput (issue: "regex + metrics ≥ 1 M lines/s on one core"): the config
 *
 *   - match: {selector: '{job="varlogs"}', stages: [regex ".*(?P<error_message>error_message.*)", metrics error_total]}
 *
 * (a) as-is, and (b) with `json: {expressions: {level: level}}` and `timestamp: {source: ts,
 * format: RFC3339Nano}` added, over a generated ~1 GB JSON-lines file (one line in 20 carries an
 * `error_message` field), cached in os.tmpdir(). Each case runs in its own process (one core:
 * the pipeline runs on the main thread, lines fed from 16 MB reads), labels {job: varlogs,
 * filename}; printed: lines/s and peak RSS, beside `rg -c` on the same file for the same regex.
 *
 * Runnable alone: `npx tsx test/bench/pipeline-bench.ts`; BENCH_BYTES overrides the size.
 * Internally `pipeline-bench.ts --case a|b <file>` is one measured run (prints one JSON line).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry } from '../../main/engines/pipeline/metrics-registry';
import { buildPipeline } from '../../main/engines/pipeline/runner';
import type { PipelineEntry } from '../../main/engines/pipeline/types';
import { stageContext } from '../../main/services/pipeline/stage-context';

const REGEX = '.*(?P<error_message>error_message.*)';
const log = (s: string): void => void process.stderr.write(`${s}\n`);

function config(withJson: boolean): unknown {
  const stages: unknown[] = [
    { regex: { expression: REGEX } },
    { metrics: { error_total: { type: 'Counter', description: 'total count of errors', source: 'error_message', config: { action: 'inc' } } } },
  ];
  if (withJson) stages.push({ json: { expressions: { level: 'level' } } }, { timestamp: { source: 'ts', format: 'RFC3339Nano' } });
  return [{ match: { selector: '{job="varlogs"}', stages } }];
}

/** Deterministic pseudo-random numbers (xorshift32). */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'] as const;

export function ensurePipelineCorpus(bytes: number): string {
  const path = join(tmpdir(), `vigie-bench-pipeline-${Math.round(bytes / 1e6)}MB.log`);
  if (existsSync(path) && statSync(path).size >= bytes) return path;
  log(`generating ${path} (${(bytes / 1e9).toFixed(1)} GB, once)…`);
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  const rand = rng(7);
  let t = Date.UTC(2024, 5, 1) * 1e6;
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 40_000; k++, n++) {
      t += Math.floor(rand() * 20_000_000);
      const ms = Math.floor(t / 1e6);
      const ts = new Date(ms).toISOString().slice(0, 19) + '.' + String(t % 1e9).padStart(9, '0') + 'Z';
      const level = LEVELS[Math.floor(rand() * LEVELS.length)]!;
      const dur = (rand() * 900).toFixed(1);
      if (n % 20 === 7) {
        lines.push(`{"ts":"${ts}","level":"error","path":"/api/v1/item/${n % 1000}","duration_ms":${dur},"error_message":"upstream closed after ${dur}ms"}`);
      } else {
        lines.push(`{"ts":"${ts}","level":"${level}","status":200,"path":"/api/v1/item/${n % 1000}","duration_ms":${dur},"msg":"handled request"}`);
      }
    }
    const chunk = Buffer.from(lines.join('\n') + '\n');
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}

interface CaseResult {
  lines: number;
  outLines: number;
  ms: number;
  linesPerS: number;
  maxRssMb: number;
  errorTotal: number;
}

/** One measured run in this process. */
function runCase(which: 'a' | 'b', path: string): CaseResult {
  const registry = new MetricsRegistry();
  const built = buildPipeline(config(which === 'b'), stageContext(registry));
  if (!built.ok) throw new Error(built.error);
  const pipeline = built.pipeline;
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(16 << 20);
  let carry = '';
  let lines = 0;
  let outLines = 0;
  const t0 = performance.now();
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    // Split on the last newline of the chunk; the tail waits for the next read.
    const last = buf.lastIndexOf(10, n - 1);
    if (last < 0) {
      carry += buf.toString('utf8', 0, n);
      continue;
    }
    const text = carry + buf.toString('utf8', 0, last);
    carry = buf.toString('utf8', last + 1, n);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const line = nl < 0 ? text.slice(start) : text.slice(start, nl);
      const entry: PipelineEntry = { labels: { job: 'varlogs', filename: path }, extracted: {}, line, timestampNs: 0n, structuredMetadata: {} };
      outLines += pipeline.process(entry).entries.length;
      lines++;
      if (nl < 0) break;
      start = nl + 1;
    }
  }
  if (carry !== '') {
    const entry: PipelineEntry = { labels: { job: 'varlogs', filename: path }, extracted: {}, line: carry, timestampNs: 0n, structuredMetadata: {} };
    outLines += pipeline.process(entry).entries.length;
    lines++;
  }
  outLines += pipeline.flush().entries.length;
  const ms = performance.now() - t0;
  closeSync(fd);
  let errorTotal = 0;
  const text = registry.exposition();
  const m = /promtail_custom_error_total\{[^}]*\} (\d+)/.exec(text);
  if (m) errorTotal = Number(m[1]);
  return { lines, outLines, ms, linesPerS: lines / (ms / 1000), maxRssMb: process.resourceUsage().maxRSS / 1024, errorTotal };
}

function main(): void {
  const bytes = Number(process.env.BENCH_BYTES ?? 1e9);
  const path = ensurePipelineCorpus(bytes);
  const size = statSync(path).size;
  log(`pipeline corpus: ${path} (${(size / 1e6).toFixed(0)} MB); warming the page cache…`);
  spawnSync('cat', [path], { stdio: ['ignore', 'ignore', 'ignore'] });

  const rows: { what: string; ms: number | null; lines: number | string; note: string }[] = [];
  const rgRuns = [1, 2].map(() => {
    const t0 = performance.now();
    const r = spawnSync('rg', ['-c', REGEX, path], { encoding: 'utf8', timeout: 600_000 });
    return { ms: performance.now() - t0, out: (r.stdout ?? '').trim(), err: r.error?.message };
  });
  const rg = rgRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
  rows.push(rg.err ? { what: 'rg -c (same regex)', ms: null, lines: '', note: rg.err } : { what: 'rg -c (same regex)', ms: rg.ms, lines: rg.out, note: 'matching lines, multi-threaded' });

  const results: Record<string, CaseResult> = {};
  for (const which of ['a', 'b'] as const) {
    const runs: CaseResult[] = [];
    for (let k = 0; k < 2; k++) {
      log(`pipeline (${which}), run ${k + 1}…`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/pipeline-bench.ts', '--case', which, path], { encoding: 'utf8', timeout: 1_200_000, maxBuffer: 16 << 20 });
      if (r.status !== 0 || !r.stdout) throw new Error(`pipeline run failed: ${r.stderr || r.error?.message}`);
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as CaseResult);
    }
    const b = runs.reduce((x, y) => (y.ms < x.ms ? y : x));
    results[which] = b;
    rows.push({
      what: which === 'a' ? 'vigie regex + metrics' : 'vigie + json + timestamp',
      ms: b.ms,
      lines: b.lines,
      note: `${(b.linesPerS / 1e6).toFixed(2)} M lines/s, peak RSS ${b.maxRssMb.toFixed(0)} MB, error_total ${b.errorTotal}, ${b.outLines} out`,
    });
  }
  const out: string[] = [];
  out.push(`\nPromtail pipeline over ${(size / 1e6).toFixed(0)} MB of JSON lines (${path}), one core, page cache warm, ${new Date().toISOString()}\n`);
  out.push(`${'what'.padEnd(28)}${'time'.padStart(10)}${'lines'.padStart(12)}  notes`);
  out.push('-'.repeat(100));
  for (const r of rows) {
    const t = r.ms === null ? '—' : `${(r.ms / 1000).toFixed(2)} s`;
    out.push(`${r.what.padEnd(28)}${t.padStart(10)}${String(r.lines).padStart(12)}  ${r.note}`);
  }
  const a = results.a!;
  out.push('');
  out.push(`goal: regex + metrics ≥ 1 M lines/s on one core   ${(a.linesPerS / 1e6).toFixed(2)} M lines/s  ${a.linesPerS >= 1e6 ? 'met' : 'NOT met'}`);
  console.log(out.join('\n'));
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const r = runCase(process.argv[caseAt + 1] as 'a' | 'b', process.argv[caseAt + 2]!);
  console.log(JSON.stringify(r));
} else if (process.argv[1]?.endsWith('pipeline-bench.ts')) {
  main();
}

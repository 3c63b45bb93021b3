/**
 * Micro-benchmark of Loki's parser hints: `npx tsx test/bench/logql-hints-bench.ts`.
 * Generates a logfmt stream (12 keys a line, `level` in the middle) and times the metric
 * engine on `sum by (level) (count_over_time({…} | logfmt [1m]))` — hinted: the parser keeps
 * only `level` and stops there — beside the same pipeline as a log query (no hints: every key
 * is extracted). Prints lines per second; no assertions, timings vary by machine.
 */
import { parseLogql } from '../../shared/logql/parse';
import { nodeLogqlPorts } from '../../main/adapters/re2/logql-ports';
import { re2CheckRegex } from '../../main/adapters/re2/re2-port';
import { evaluateMetricQuery } from '../../main/engines/logql/metric/evaluate';
import { buildPipeline } from '../../main/engines/logql/pipeline';

const LINES = 300_000;
const START_NS = 1_700_000_000_000_000_000n;
const STEP_NS = 1_000_000n; // 1 ms apart: the whole corpus fits in a few minutes
const LEVELS = ['debug', 'info', 'info', 'warn', 'error'];

function corpus(): [bigint, string][] {
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: [bigint, string][] = [];
  for (let i = 0; i < LINES; i++) {
    const line =
      `ts=2023-11-14T22:13:${String(i % 60).padStart(2, '0')}Z caller=worker.go:${rnd(900)} component=ingester ` +
      `level=${LEVELS[rnd(LEVELS.length)]} msg="flushed chunk ${i}" user=u${rnd(50)} stream=${rnd(1000)} ` +
      `bytes=${rnd(1 << 20)} duration=${rnd(900)}ms retries=${rnd(4)} path=/var/lib/loki/chunks/${rnd(1e6)}`;
    out.push([START_NS + BigInt(i) * STEP_NS, line]);
  }
  return out;
}

function parse(query: string) {
  const r = parseLogql(query, { checkRegex: re2CheckRegex });
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
}

function time(label: string, lines: number, run: () => number): void {
  run(); // warm up the JIT
  const runs: number[] = [];
  let check = 0;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    check = run();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[2]!;
  console.log(`${label.padEnd(58)} ${Math.round(lines / (ms / 1000)).toLocaleString('en-US').padStart(12)} lines/s  (median of 5, ${ms.toFixed(0)} ms, check ${check})`);
}

const entries = corpus();
const streams = [{ labels: { job: 'bench' }, entries: entries.map(([tsNs, line]) => ({ tsNs, line })) }];
const endNs = START_NS + BigInt(LINES) * STEP_NS + 60_000_000_000n;
const metric = parse('sum by (level) (count_over_time({job="bench"} | logfmt [1m]))');
if (metric.kind === 'logQuery') throw new Error('expected a metric query');

time('metric, hinted: sum by (level) (count_over_time(… | logfmt))', LINES, () => {
  // A range query with step = range: each line falls in exactly one window, so is parsed once.
  const r = evaluateMetricQuery(metric, { kind: 'range', startNs: START_NS, endNs, stepNs: 60_000_000_000n, timeNs: endNs }, { streams }, nodeLogqlPorts);
  if (!r.ok) throw new Error(r.error.message);
  return Array.isArray(r.data.result) ? r.data.result.length : 0;
});

const log = parse('{job="bench"} | logfmt');
if (log.kind !== 'logQuery') throw new Error('expected a log query');
const built = buildPipeline(log.stages, nodeLogqlPorts);
if (!built.ok) throw new Error(built.error.message);
time('log query, no hints: {…} | logfmt (every key extracted)', LINES, () => {
  const sp = built.pipeline.forStream({ job: 'bench' });
  let n = 0;
  for (const [ts, line] of entries) if (sp.process(ts, line)) n++;
  return n;
});

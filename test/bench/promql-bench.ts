/**
 * PromQL throughput beside the real Prometheus, in the same run, over the same data: 1,000
 * series over 7 days at 15 s (promql-bench-data.ts), written as OpenMetrics, imported with
 * `promtool tsdb create-blocks-from openmetrics` and served by `prometheus` on 127.0.0.1; the
 * same values appended to Vigie's in-memory tsdb. Each range query (7 days, step 60 s) runs
 * through Prometheus' HTTP API (`stats=all`: its own evaluation time and the samples it read)
 * and through Vigie's engine; samples/s use Prometheus' sample count for both, and the answers
 * are compared (same series, values within 1e-9). Then a group of 20 rules is back-tested over
 * the week at 15 s on Vigie (time, rule evaluations/s).
 * Run alone: `tsx test/bench/promql-bench.ts` (BENCH_PROMQL_DAYS to shorten the week).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { re2Port } from '../../main/adapters/re2/re2-port';
import { templateRegexPort } from '../../main/adapters/re2/template-regex-port';
import { backtestGroup } from '../../main/engines/alerting/backtest';
import { parseRuleFile } from '../../main/engines/alerting/rulefmt';
import type { Vector } from '../../main/engines/alerting/types';
import { createPromqlEngine } from '../../main/engines/promql/engine';
import { labelsFromRecord } from '../../main/engines/tsdb/labels';
import { createStorage } from '../../main/engines/tsdb/storage';
import { seriesDefs, writeOpenMetrics } from './promql-bench-data';
import { createBlocks, promQueryRange, requireBinaries, startPrometheus } from './promql-bench-prometheus';

const days = Number(process.env.BENCH_PROMQL_DAYS ?? 7);
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const SCRAPE_MS = 15_000;
const QUERY_STEP_S = 60;
const QUERIES = [
  'sum by (job) (rate(http_requests_total[5m]))',
  'memory_usage_bytes',
  'histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))',
  // A threshold no mean of 240 integer samples can equal: at an exact tie, Prometheus 2.42's
  // incremental mean and Prometheus 3's Kahan sum (Vigie's) can land on either side of it.
  'avg_over_time(queue_depth[1h]) > 40.123',
];

requireBinaries();
const work = mkdtempSync(join(tmpdir(), 'vigie-promql-bench-'));
const steps = Math.round((days * 86_400_000) / SCRAPE_MS);
// Recent past, on the 15 s grid: Prometheus keeps (and serves) the imported blocks.
const endMs = Math.floor((Date.now() - 15 * 60_000) / SCRAPE_MS) * SCRAPE_MS;
const startMs = endMs - (steps - 1) * SCRAPE_MS;
const defs = seriesDefs();
// Query steps 7 s off the 15 s sample grid, from 1 h in (full windows): no sample sits on a
// window's edge, where Debian's Prometheus 2.42 (closed windows) and Prometheus 3, which Vigie
// follows (left-open windows), would differ by one sample. The answers can then be compared.
const queryStartMs = startMs + 3_607_000;
const queryEndMs = queryStartMs + Math.floor((endMs - queryStartMs) / (QUERY_STEP_S * 1000)) * QUERY_STEP_S * 1000;

log(`generating ${defs.length} series × ${steps} samples (OpenMetrics file + Vigie's store)…`);
const storage = createStorage();
let appendMs = 0;
const genT0 = performance.now();
const omPath = join(work, 'bench.om');
const omBytes = writeOpenMetrics(omPath, defs, startMs, SCRAPE_MS, steps, (def, values) => {
  const t0 = performance.now();
  const labels = labelsFromRecord({ __name__: def.name, ...def.labels });
  for (let k = 0; k < values.length; k++) storage.append(labels, startMs + k * SCRAPE_MS, values[k]!);
  appendMs += performance.now() - t0;
});
const genMs = performance.now() - genT0;
const totalSamples = defs.length * steps;

log(`promtool tsdb create-blocks-from openmetrics (${(omBytes / 1e9).toFixed(2)} GB)…`);
const dataDir = join(work, 'data');
const blocks = createBlocks(omPath, dataDir);
rmSync(omPath);
log('starting prometheus…');
const prom = await startPrometheus(dataDir, work);

interface Row {
  query: string;
  promMs: number;
  promEvalMs: number;
  vigieMs: number;
  samples: number;
  series: number;
  agree: string;
}
const engine = createPromqlEngine(storage, { regex: re2Port, lookbackDeltaMs: 5 * 60_000, subqueryStepMs: 60_000 });
const rows: Row[] = [];
try {
  for (const query of QUERIES) {
    log(`query: ${query}`);
    const [s, e] = [queryStartMs / 1000, queryEndMs / 1000];
    await promQueryRange(prom.url, query, s, e, QUERY_STEP_S); // warm (index, page cache)
    const promRuns = [];
    for (let i = 0; i < 3; i++) promRuns.push(await promQueryRange(prom.url, query, s, e, QUERY_STEP_S));
    const p = promRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
    const promEvalMs = Math.min(...promRuns.map((r) => r.evalMs));
    let vigieMs = Infinity;
    let answer: ReturnType<typeof engine.rangeQuery> | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      answer = engine.rangeQuery(query, queryStartMs, queryEndMs, QUERY_STEP_S * 1000);
      vigieMs = Math.min(vigieMs, performance.now() - t0);
    }
    rows.push({ query, promMs: p.ms, promEvalMs, vigieMs, samples: p.samples, series: p.result.length, agree: compare(p.result, answer!) });
  }
} finally {
  await prom.stop();
}

/** Same series (by labels), same timestamps, values within a relative 1e-9. */
function compare(prom: { metric: Record<string, string>; values: [number, string][] }[], r: ReturnType<typeof engine.rangeQuery>): string {
  if (!r.ok) return `Vigie failed: ${r.error.message}`;
  if (r.value.resultType !== 'matrix') return `Vigie answered a ${r.value.resultType}`;
  const mine = new Map(r.value.result.map((s) => [JSON.stringify(Object.entries(s.metric).sort()), s.values]));
  if (mine.size !== prom.length) return `${mine.size} series vs ${prom.length}`;
  let points = 0;
  for (const s of prom) {
    const v = mine.get(JSON.stringify(Object.entries(s.metric).sort()));
    if (!v) return `missing ${JSON.stringify(s.metric)}`;
    if (v.length !== s.values.length) return `${JSON.stringify(s.metric)}: ${v.length} points vs ${s.values.length}`;
    for (let i = 0; i < v.length; i++) {
      const [t, text] = s.values[i]!;
      const want = Number(text);
      const got = v[i]!.value;
      const same = Object.is(want, got) || Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got));
      if (Math.round(t * 1000) !== v[i]!.t || !same) return `${JSON.stringify(s.metric)} at ${t}: ${got} vs ${text}`;
      points++;
    }
  }
  return `yes (${points} points)`;
}

const sec = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const rate = (n: number, ms: number): string => `${(n / (ms / 1000) / 1e6).toFixed(1)} M/s`;
const out: string[] = [];
out.push(`\nPromQL, ${defs.length} series × ${days} days at 15 s (${(totalSamples / 1e6).toFixed(1)} M samples), ${new Date().toISOString()}`);
out.push(`data: generated in ${sec(genMs)} (of which Vigie's tsdb append ${sec(appendMs)}, ${rate(totalSamples, appendMs)}); promtool create-blocks-from openmetrics ${sec(blocks.ms)} (${(omBytes / 1e9).toFixed(2)} GB, ${blocks.blocks} blocks)`);
out.push(`range queries over the ${days} days (from 1 h in), step ${QUERY_STEP_S} s; samples = Prometheus' totalQueryableSamples; prometheus = HTTP wall time (its own eval time in brackets)\n`);
out.push(`${'query'.padEnd(62)}${'samples'.padStart(11)}${'prometheus'.padStart(20)}${'vigie'.padStart(10)}${'prom S/s'.padStart(11)}${'vigie S/s'.padStart(11)}${'vigie/prom'.padStart(11)}  same answer`);
out.push('-'.repeat(150));
for (const r of rows) {
  out.push(
    `${r.query.slice(0, 60).padEnd(62)}${String(r.samples).padStart(11)}${`${sec(r.promMs)} (${sec(r.promEvalMs)})`.padStart(20)}${sec(r.vigieMs).padStart(10)}${rate(r.samples, r.promMs).padStart(11)}${rate(r.samples, r.vigieMs).padStart(11)}${`${(r.promMs / r.vigieMs).toFixed(2)}×`.padStart(11)}  ${r.agree}`,
  );
}
out.push(`vigie/prom is the speed ratio (> 1: Vigie faster), on Prometheus' HTTP wall time; against its own eval time: ${rows.map((r) => `${(r.promEvalMs / r.vigieMs).toFixed(2)}×`).join(', ')}`);
console.log(out.join('\n'));

log('back-testing 20 rules over the data at 15 s…');
const RULES = `groups:
  - name: bench
    interval: 15s
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_requests_total{status="500"}[5m]))
      - record: job:cpu:rate5m
        expr: sum by (job) (rate(process_cpu_seconds_total[5m]))
      - record: job:memory_usage_bytes:avg
        expr: avg by (job) (memory_usage_bytes)
      - record: job:queue_depth:max
        expr: max by (job) (queue_depth)
      - record: job:latency_seconds:p90
        expr: histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))
      - record: instance:up:avg10m
        expr: avg_over_time(up[10m])
      - record: job:temperature_celsius:max15m
        expr: max by (job) (max_over_time(temperature_celsius[15m]))
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        labels: {severity: page}
        annotations: {summary: "Instance {{ $labels.instance }} of {{ $labels.job }} down"}
      - alert: HighErrorRatio
        expr: job:http_errors:rate5m / job:http_requests:rate5m > 0.06
        for: 10m
        annotations: {summary: "{{ $labels.job }}: {{ $value | humanizePercentage }} errors"}
      - alert: HighLatency
        expr: job:latency_seconds:p90 > 5
        for: 5m
      - alert: QueueBacklog
        expr: queue_depth > 90
        for: 15m
      - alert: MemoryHigh
        expr: memory_usage_bytes > 3.4e9
        for: 10m
        annotations: {summary: "{{ $value | humanize1024 }}B used"}
      - alert: CpuBusy
        expr: rate(process_cpu_seconds_total[5m]) > 0.6
        for: 5m
      - alert: Error_total
        expr: http_requests_total{job="api", status="500"} > 1
        for: 1m
        labels: {severity: critical}
      - alert: ErrorBurst
        expr: increase(http_requests_total{status="500"}[5m]) > 35
      - alert: TemperatureHot
        expr: temperature_celsius > 74
        for: 2m
      - alert: QueueGrowing
        expr: deriv(queue_depth[10m]) > 0.3
        for: 10m
      - alert: NoApiTraffic
        expr: absent(http_requests_total{job="api"})
      - alert: TrafficDrop
        expr: job:http_requests:rate5m < 0.5 * (job:http_requests:rate5m offset 1h)
        for: 5m
`;
const parsed = parseRuleFile(RULES);
if (!parsed.ok) throw new Error(`bench rules: ${JSON.stringify(parsed.errors)}`);
const group = parsed.groups[0]!;
const query = (expr: string, tMs: number): Vector => {
  const r = engine.instantQuery(expr, tMs);
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value;
  if (v.resultType === 'vector') return v.result.map((x) => ({ labels: x.metric, value: x.value }));
  if (v.resultType === 'scalar') return [{ labels: {}, value: v.result.value }];
  throw new Error(`not a vector: ${v.resultType}`);
};
const bt0 = performance.now();
const bt = await backtestGroup(group, {
  query,
  append: (samples) => {
    for (const s of samples) s.stale ? storage.appendStale(labelsFromRecord(s.labels), s.tMs) : storage.append(labelsFromRecord(s.labels), s.tMs, s.value);
  },
  startMs,
  endMs,
  regex: templateRegexPort,
});
const btMs = performance.now() - bt0;
const evaluations = steps * group.rules.length;
rmSync(work, { recursive: true, force: true });

const alerts = bt.alerts.filter((a) => a.intervals.some((i) => i.state === 'firing')).length;
console.log(`\nback-test: ${group.rules.length} rules (8 recording, 12 alerting) over ${days} days at 15 s: ${steps} steps, ${evaluations} rule evaluations in ${sec(btMs)} = ${(evaluations / (btMs / 1000)).toFixed(0)} evaluations/s; ${alerts} alert label sets fired, ${bt.errors.length} errors`);


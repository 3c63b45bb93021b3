import type { MetricAnswer, MetricQueryInput } from '../../../shared/contract/metrics';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { Labels } from '../../../shared/model/labels';
import type { Expr, MetricExpr } from '../../../shared/logql/ast';
import type { IndexedFile } from '../../adapters/fs';
import { nodeLogqlPorts } from '../../adapters/re2/logql-ports';
import { createMetricQuery, type MetricQuery } from '../../engines/logql/metric/evaluate';
import { checkRequestParams } from '../../engines/logql/request-params';
import { parseQuery } from '../logql/logql-ports';
import { defaultSourceOptions } from '../logql/local-log-query';
import { planParts, type SourceOptions } from '../logql/stream-source';
import type { MetricJob } from '../../adapters/workers/metric-job';
import type { GridParams } from '../../engines/logql/metric/grid';
import { applyMetricBatch, type MetricBatch } from '../../engines/logql/metric/partial';

export interface MetricStream {
  labels: Labels;
  file: IndexedFile;
}

/** Lines read at once: one positioned read per block, and a point to notice a cancel. */
const BLOCK = 4096;
const MS = 1_000_000n;

/** Loki's default step for a range query: max(1s, range / 250), in seconds. */
export function defaultStepSeconds(startMs: number, endMs: number): number {
  return Math.max(1, Math.floor((endMs - startMs) / 1000 / 250));
}

export function queryFailure(message: string, from?: number): AppFailure {
  return new AppFailure(appError('bad_input', message, from === undefined ? undefined : { offset: from, column: from + 1, line: 1 }));
}

export function parseMetric(query: string): MetricExpr {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw queryFailure(parsed.error.message, parsed.error.span.from);
  if (parsed.expr.kind === 'logQuery') throw queryFailure('this is a log query: a metric query aggregates one, e.g. sum(count_over_time({job="x"} [1m]))');
  return parsed.expr;
}

/**
 * Feeds a planned metric query from local files: only the streams it selects, only the lines
 * whose time can matter (fromNs < t ≤ toNs), each stream in time order, block by block.
 * `split` lets a caller divide a stream's lines into sub-streams (the volume by level).
 */
export async function feed(
  q: MetricQuery,
  streams: MetricStream[],
  signal: AbortSignal,
  split?: (labels: Labels, level: string) => Labels,
  workers?: WorkerFeed,
): Promise<number> {
  const window = q.timeRange();
  if (!window) return 0;
  let lines = 0;
  // Whole ms in the index: fromNs < t ⇔ t ≥ floor(fromNs/1e6)+1 when t is a whole ms.
  const fromMs = Number(window.fromNs / MS) + 1;
  const toMs = Number(window.toNs / MS);
  for (const s of streams) {
    if (!split && !q.selects(s.labels)) continue;
    const range = await s.file.findRange(fromMs, toMs);
    let { from } = range;
    const { to } = range;
    if (!split && workers) {
      // The indexed lines in the query workers; what they cannot read stays on this thread.
      const done = await feedFromWorkers(q, s, range, workers, signal);
      lines += done.lines;
      from = done.next;
    }
    for (let lo = from; lo < to; lo += BLOCK) {
      signal.throwIfAborted();
      const block = await s.file.read(lo, Math.min(to, lo + BLOCK));
      lines += block.length;
      if (!split) {
        q.push(s.labels, block.map((l) => ({ tsNs: BigInt(Math.trunc(l.ts)) * MS, line: l.text })));
        continue;
      }
      const byLevel = new Map<string, { tsNs: bigint; line: string }[]>();
      for (const l of block) {
        let list = byLevel.get(l.level);
        if (!list) byLevel.set(l.level, (list = []));
        list.push({ tsNs: BigInt(Math.trunc(l.ts)) * MS, line: l.text });
      }
      for (const [level, entries] of byLevel) {
        const labels = split(s.labels, level);
        if (q.selects(labels)) q.push(labels, entries);
      }
    }
  }
  return lines;
}

/** What the query workers need to run a metric query's worker half (metric-job.ts). */
export interface WorkerFeed {
  expr: MetricExpr;
  params: GridParams;
  options: SourceOptions;
}

/** A stream's indexed lines of `range` through the workers, parts applied in order; returns the first line left to read here. */
async function feedFromWorkers(q: MetricQuery, s: MetricStream, range: { from: number; to: number }, w: WorkerFeed, signal: AbortSignal): Promise<{ lines: number; next: number }> {
  const plan = await planParts(s, range, w.options.splitAbove);
  if (!plan) return { lines: 0, next: range.from };
  const parts = plan.spans.map((sp) => {
    const job: MetricJob = { ...sp.job, kind: 'metric', expr: w.expr, params: w.params, direction: 'forward', chunkBytes: w.options.chunkBytes };
    return w.options.pool.run<MetricBatch>(job, sp.job.end - sp.job.start < w.options.inProcessBelow);
  });
  const onAbort = (): void => w.options.pool.abort(parts);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    let lines = 0;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      const keys: string[] = [];
      for (;;) {
        signal.throwIfAborted();
        const b = p.take();
        if (b) {
          applyMetricBatch(q, b, p.labels, keys);
          continue;
        }
        if (p.error) throw p.error;
        if (p.done) break;
        await p.wait();
      }
      lines += plan.spans[k]!.lines;
    }
    return { lines, next: plan.hiIndexed };
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const p of parts) p.cancel();
  }
}

/** Plans a metric expression for a request, with Loki's request errors. */
export function plan(expr: MetricExpr, input: MetricQueryInput): { query: MetricQuery; step: number | null; params: GridParams } {
  const ns = (ms: number): string => (BigInt(Math.trunc(ms)) * MS).toString();
  const step = input.kind === 'range' ? (input.step ?? defaultStepSeconds(input.start, input.end)) : null;
  // The same request checks as Loki's HTTP layer (step limits, order of start and end).
  const checked =
    input.kind === 'range'
      ? checkRequestParams({ kind: 'range', start: ns(input.start), end: ns(input.end), step: step! })
      : checkRequestParams({ kind: 'instant', time: ns(input.time) });
  if (!checked.ok) throw queryFailure(checked.message);
  const c = createMetricQuery(expr, checked.params, nodeLogqlPorts);
  if (!c.ok) throw queryFailure(c.error.message, c.error.span.from);
  return { query: c.query, step, params: checked.params };
}

/** A LogQL metric query over local files, answered as Loki's query_range / query. */
export async function runLocalMetricQuery(input: MetricQueryInput, streams: MetricStream[], signal: AbortSignal, options: SourceOptions | null = defaultSourceOptions()): Promise<MetricAnswer> {
  const started = Date.now();
  const expr = parseMetric(input.query);
  const { query, step, params } = plan(expr, input);
  const linesScanned = await feed(query, streams, signal, undefined, options ? { expr, params, options } : undefined);
  const r = query.result();
  if (!r.ok) throw new AppFailure(appError('bad_input', r.error.message));
  return { data: r.data, step, linesScanned, elapsedMs: Date.now() - started };
}

export type { Expr };

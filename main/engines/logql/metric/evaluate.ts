/**
 * Metric queries end to end, with injected I/O (as Prometheus rules get a QueryFunc):
 *
 *   const q = createMetricQuery(expr, params, ports);      // plan: selectors, pipelines, steps
 *   for each stream the caller can read:
 *     if (q.selects(labels)) q.push(labels, entries);      // entries in ascending time order,
 *                                                         // in batches, streams in any order
 *   q.result()                                            // Loki's JSON `data`, or Loki's error
 *
 * `timeRange()` tells the caller which entry times can matter, so files can be read partially.
 * Memory is one accumulator per (series, step) of each range aggregation plus the answer
 * (series × points); quantile_over_time and rate_counter also keep their windows' values.
 * A caller that interleaves batches of several streams in time order gets Loki's exact
 * floating-point order for series fed by several streams.
 */
import type { LogqlError, MetricExpr } from '../../../../shared/logql/ast';
import type { LogqlPorts } from '../ports';
import type { LogEntryIn, LogSource } from '../run-log-query';
import { formatSampleValue, formatTimestamp, nsToMs } from './format';
import { stepGrid, stepTimeNs, type GridOptions, type GridParams } from './grid';
import { compareLabels, labelsKey, sortedLabels, type Labels } from './labels';
import { foldLiteral, plan } from './plan';
import { MetricFailure, type Sample } from './vector';
import type { RangeLeaf } from './leaf';

/** Loki's default max_query_series. */
export const DEFAULT_MAX_SERIES = 500;

export interface MetricQueryOptions extends GridOptions {
  maxSeries?: number;
}

export type LokiPoint = [number, string];
export type MetricData =
  | { resultType: 'matrix'; result: { metric: Labels; values: LokiPoint[] }[] }
  | { resultType: 'vector'; result: { metric: Labels; value: LokiPoint }[] }
  | { resultType: 'scalar'; result: LokiPoint };

export type MetricOutcome = { ok: true; data: MetricData } | { ok: false; error: { status: number; message: string } };

export interface MetricQuery {
  selects(labels: Labels): boolean;
  /** Entry times that can affect the answer: fromNs < t ≤ toNs; null when nothing is read. */
  timeRange(): { fromNs: bigint; toNs: bigint } | null;
  push(labels: Labels, entries: Iterable<LogEntryIn>): void;
  result(): MetricOutcome;
  /** The range aggregations, for split evaluation (partial.ts: extraction in workers, accumulation here). */
  readonly leaves: readonly RangeLeaf[];
}

export type CreateResult = { ok: true; query: MetricQuery } | { ok: false; error: LogqlError };

const failure = (e: unknown): MetricOutcome => {
  if (e instanceof MetricFailure) return { ok: false, error: { status: e.status, message: e.message } };
  throw e;
};

function seriesLimit(max: number): MetricFailure {
  return new MetricFailure(
    400,
    `maximum number of series (${max}) reached for a single query; consider reducing query cardinality by adding more specific stream selectors, reducing the time range, or aggregating results with functions like sum(), count() or topk()`,
  );
}

export function createMetricQuery(expr: MetricExpr, params: GridParams, ports: LogqlPorts, options: MetricQueryOptions = {}): CreateResult {
  const grid = stepGrid(params, options);
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const literal = foldLiteral(expr);
  const stepMs = (k: number): bigint => nsToMs(stepTimeNs(grid, k));

  if (literal !== null) {
    // Loki evaluates a literal-only query without reading anything: a scalar at `time`
    // (in milliseconds, as Loki's answer carries it), or a flat matrix.
    const result = (): MetricOutcome => {
      if (grid.instant) return { ok: true, data: { resultType: 'scalar', result: [Number(stepMs(0)), formatSampleValue(literal)] } };
      const values: LokiPoint[] = [];
      for (let k = 0; k < grid.count; k++) values.push([formatTimestamp(stepMs(k)), formatSampleValue(literal)]);
      return { ok: true, data: { resultType: 'matrix', result: [{ metric: {}, values }] } };
    };
    return { ok: true, query: { selects: () => false, timeRange: () => null, push: () => undefined, result, leaves: [] } };
  }

  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(expr, grid, ports);
  } catch (e) {
    if (e instanceof MetricFailure) return { ok: false, error: { message: e.message, span: expr.span } };
    throw e;
  }
  if (!planned.ok) return planned;
  const { node, leaves, sortable } = planned;

  const streamKey = (labels: Labels): string => labelsKey(labels);
  const query: MetricQuery = {
    leaves,
    selects(labels) {
      const key = streamKey(labels);
      return leaves.some((l) => l.stream(labels, key) !== null);
    },
    timeRange() {
      if (leaves.length === 0 || grid.count === 0) return null;
      let from = leaves[0]!.fromNs;
      let to = leaves[0]!.toNs;
      for (const l of leaves) {
        if (l.fromNs < from) from = l.fromNs;
        if (l.toNs > to) to = l.toNs;
      }
      return { fromNs: from, toNs: to };
    },
    push(labels, entries) {
      const key = streamKey(labels);
      const targets = leaves.map((l) => [l, l.stream(labels, key)] as const).filter((t) => t[1] !== null);
      if (targets.length === 0) return;
      for (const e of entries) for (const [l, s] of targets) l.add(s!, e);
    },
    result() {
      try {
        if (grid.instant) {
          const vec = node.at(0, stepMs(0));
          if (vec.length > maxSeries) throw seriesLimit(maxSeries);
          const ts = formatTimestamp(stepMs(0));
          const out = sortable ? vec : [...vec].sort((a, b) => compareLabels(a.labels, b.labels));
          return { ok: true, data: { resultType: 'vector', result: out.map((s) => ({ metric: sortedLabels(s.labels), value: [ts, formatSampleValue(s.value)] as LokiPoint })) } };
        }
        const series = new Map<string, { metric: Labels; values: LokiPoint[] }>();
        for (let k = 0; k < grid.count; k++) {
          const ms = stepMs(k);
          const vec: Sample[] = node.at(k, ms);
          for (const l of leaves) l.release(k);
          for (const s of vec) {
            const key = labelsKey(s.labels);
            let entry = series.get(key);
            if (!entry) series.set(key, (entry = { metric: sortedLabels(s.labels), values: [] }));
            entry.values.push([formatTimestamp(ms), formatSampleValue(s.value)]);
          }
          if (series.size > maxSeries) throw seriesLimit(maxSeries);
        }
        const result = [...series.values()].sort((a, b) => compareLabels(a.metric, b.metric));
        return { ok: true, data: { resultType: 'matrix', result } };
      } catch (e) {
        return failure(e);
      }
    },
  };
  return { ok: true, query };
}

/** Runs a metric query over in-memory streams (each stream's entries in ascending time order). */
export function evaluateMetricQuery(expr: MetricExpr, params: GridParams, source: LogSource, ports: LogqlPorts, options: MetricQueryOptions = {}): MetricOutcome {
  const created = createMetricQuery(expr, params, ports, options);
  if (!created.ok) return { ok: false, error: { status: 400, message: created.error.message } };
  const q = created.query;
  for (const s of source.streams) if (q.selects(s.labels)) q.push(s.labels, s.entries);
  return q.result();
}

import type { MetricAnswer } from '../../../shared/contract/metrics';
import { printExpr } from '../../../shared/logql/print';
import { parseQuery } from '../logql/logql-ports';
import { defaultStepSeconds, feed, parseMetric, plan, queryFailure, type MetricStream } from './local-metric-query';

/** The level label of the volume series, as Loki names its detected level. */
export const LEVEL_LABEL = 'detected_level';

/**
 * Grafana's log-volume histogram for a log query: lines per step by detected level,
 * `sum by (detected_level) (count_over_time(QUERY [step]))`, each line's level detected as
 * the log list shows it (Loki detects it at ingest into `detected_level`).
 */
export async function runLogVolume(input: { query: string; start: number; end: number; step?: number | undefined }, streams: MetricStream[], signal: AbortSignal): Promise<MetricAnswer> {
  const started = Date.now();
  const parsed = parseQuery(input.query);
  if (!parsed.ok) throw queryFailure(parsed.error.message, parsed.error.span.from);
  if (parsed.expr.kind !== 'logQuery') throw queryFailure('the log volume is drawn for log queries');
  const step = input.step ?? defaultStepSeconds(input.start, input.end);
  const metric = parseMetric(`sum by (${LEVEL_LABEL}) (count_over_time(${printExpr(parsed.expr)} [${step}s]))`);
  const { query } = plan(metric, { kind: 'range', query: input.query, start: input.start, end: input.end, step });
  const linesScanned = await feed(query, streams, signal, (labels, level) => ({ ...labels, [LEVEL_LABEL]: level }));
  const r = query.result();
  if (!r.ok) throw queryFailure(r.error.message);
  return { data: r.data, step, linesScanned, elapsedMs: Date.now() - started };
}

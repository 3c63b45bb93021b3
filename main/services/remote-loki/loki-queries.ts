/**
 * LogQL on a Loki connection with the local domains' answers: `loki.query` streams
 * logql.query's events (a long range split into sub-queries by the client, each sub-answer's
 * new entries sent as they come, with `chunks` progress), `loki.metric` answers as
 * logql.metric, `loki.volume` as logql.volume (Grafana's log volume: lines per step by level).
 */
import type { LokiQueryEvent } from '../../../shared/contract/loki';
import type { LokiStream } from '../../../shared/contract/logql';
import type { MetricAnswer } from '../../../shared/contract/metrics';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { parseLogql } from '../../../shared/logql/parse';
import { printExpr } from '../../../shared/logql/print';
import { toLogQueryEvents, toMetricAnswer, type LokiClient, type QueryAnswer } from '../../adapters/loki';

/** Loki's default step for a range query: max(1 s, range / 250), whole seconds. */
export const lokiDefaultStep = (startMs: number, endMs: number): number => Math.max(1, Math.floor((endMs - startMs) / 1000 / 250));

export interface RemoteLogQuery {
  query: string;
  start?: number | undefined;
  end?: number | undefined;
  limit: number;
  /** Not sent when missing: Loki's default, backward. */
  direction?: 'forward' | 'backward' | undefined;
}

const streamKey = (s: LokiStream): string => JSON.stringify(Object.entries(s.stream).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The entries of `answer` not sent yet. Sub-ranges come in the query's direction and do not
 * overlap, so a stream's new entries always follow the ones already sent.
 */
function newEntries(answer: QueryAnswer, sent: Map<string, number>): LokiStream[] {
  if (answer.data.resultType !== 'streams') return [];
  const out: LokiStream[] = [];
  for (const s of answer.data.result) {
    const key = streamKey(s);
    const had = sent.get(key) ?? 0;
    if (s.values.length > had) out.push({ stream: s.stream, values: s.values.slice(had) });
    sent.set(key, s.values.length);
  }
  return out;
}

export async function* remoteLogQuery(client: LokiClient, input: RemoteLogQuery, signal: AbortSignal): AsyncGenerator<LokiQueryEvent> {
  const started = Date.now();
  const chunks = client.queryRangeChunks({ query: input.query, start: input.start, end: input.end, limit: input.limit, direction: input.direction }, { signal });
  const sent = new Map<string, number>();
  let answer: QueryAnswer | null = null;
  for (;;) {
    const step = await chunks.next();
    if (step.done) {
      answer = step.value;
      break;
    }
    const { done, total } = step.value;
    answer = step.value.answer;
    if (answer.data.resultType !== 'streams') {
      // A metric query: no more sub-queries, the error below says why.
      await chunks.return(answer);
      break;
    }
    if (total > 1) yield { kind: 'chunks', done, total };
    const fresh = newEntries(answer, sent);
    if (fresh.length) yield { kind: 'streams', result: fresh };
  }
  // A metric query answers a matrix: said in words, as the local query says it.
  const [, done] = toLogQueryEvents(answer, Date.now() - started, input.limit);
  if (answer.warnings.length) yield { kind: 'warnings', warnings: answer.warnings };
  yield done!;
}

export type RemoteMetricQuery =
  | { kind: 'range'; query: string; start: number; end: number; step?: number | undefined; limit?: number | undefined }
  | { kind: 'instant'; query: string; time: number; limit?: number | undefined };

/**
 * A metric query. With a `limit` it goes as Grafana sends it (limit and direction=backward);
 * without, Loki's defaults apply. A range query long enough is split on the step grid.
 */
export async function remoteMetricQuery(client: LokiClient, input: RemoteMetricQuery, signal: AbortSignal): Promise<MetricAnswer & { warnings?: string[] }> {
  const started = Date.now();
  const paging = input.limit === undefined ? {} : { limit: input.limit, direction: 'backward' as const };
  if (input.kind === 'instant') {
    const answer = await client.query({ query: input.query, time: input.time, ...paging }, { signal });
    return withWarnings(toMetricAnswer(answer, null, Date.now() - started), answer);
  }
  const step = input.step ?? lokiDefaultStep(input.start, input.end);
  const answer = await client.queryRangeSplit({ query: input.query, start: input.start, end: input.end, step, ...paging }, { signal });
  return withWarnings(toMetricAnswer(answer, step, Date.now() - started), answer);
}

const withWarnings = (m: MetricAnswer, a: QueryAnswer): MetricAnswer & { warnings?: string[] } => (a.warnings.length ? { ...m, warnings: a.warnings } : m);

/** The level label of the volume series, as the local volume names it. */
const LEVEL = 'detected_level';

/**
 * Grafana's log volume for a Loki log query: `sum by (level, detected_level)
 * (count_over_time(QUERY [step]))` over query_range, each series named by its level
 * (detected_level, else level, else `unknown`) so the histogram reads it as a local one.
 */
export async function remoteLogVolume(client: LokiClient, input: { query: string; start: number; end: number; step?: number | undefined }, signal: AbortSignal): Promise<MetricAnswer> {
  const started = Date.now();
  const parsed = parseLogql(input.query);
  if (parsed.ok && parsed.expr.kind !== 'logQuery') throw new AppFailure(appError('bad_input', 'the log volume is drawn for log queries'));
  // Printed from the tree so a trailing comment cannot swallow the closing brackets.
  const logQuery = parsed.ok ? printExpr(parsed.expr) : input.query;
  const step = input.step ?? lokiDefaultStep(input.start, input.end);
  const query = `sum by (level, ${LEVEL}) (count_over_time(${logQuery} [${step}s]))`;
  const answer = await client.queryRangeSplit({ query, start: input.start, end: input.end, step }, { signal });
  const m = toMetricAnswer(answer, step, Date.now() - started);
  if (m.data.resultType !== 'matrix') return m;
  const byLevel = new Map<string, Map<number, number>>();
  for (const s of m.data.result) {
    const level = s.metric[LEVEL] || s.metric.level || 'unknown';
    const points = byLevel.get(level) ?? new Map<number, number>();
    byLevel.set(level, points);
    for (const [t, v] of s.values) points.set(t, (points.get(t) ?? 0) + Number(v));
  }
  const result = [...byLevel].map(([level, points]) => ({
    metric: { [LEVEL]: level },
    values: [...points].sort((a, b) => a[0] - b[0]).map(([t, v]): [number, string] => [t, String(v)]),
  }));
  return { ...m, data: { resultType: 'matrix', result } };
}

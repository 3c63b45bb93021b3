/**
 * A remote Loki answer as the contract's events and answers (shared/contract/logql.ts and
 * metrics.ts), the same objects the local engine produces: the UI cannot tell them apart.
 */
import type { LogQueryEvent } from '../../../shared/contract/logql';
import type { MetricAnswer } from '../../../shared/contract/metrics';
import { AppFailure, appError } from '../../../shared/model/index';
import type { QueryAnswer } from './schemas';

/** A log query's answer as the events of `logql.query`: its streams, then `done`. */
export function toLogQueryEvents(answer: QueryAnswer, elapsedMs: number, limit: number): LogQueryEvent[] {
  if (answer.data.resultType !== 'streams') {
    throw new AppFailure(appError('bad_input', `this is a metric query (Loki answered a ${answer.data.resultType}): run it as a metric query`));
  }
  const entries = answer.data.result.reduce((n, s) => n + s.values.length, 0);
  return [
    { kind: 'streams', result: answer.data.result },
    {
      kind: 'done',
      linesScanned: Math.round(answer.stats?.totalLinesProcessed ?? 0),
      bytesScanned: answer.stats?.totalBytesProcessed ?? 0,
      elapsedMs,
      limitReached: entries >= limit,
    },
  ];
}

/** A metric query's answer as `logql.metric` answers; `step` in seconds for range queries. */
export function toMetricAnswer(answer: QueryAnswer, step: number | null, elapsedMs: number): MetricAnswer {
  if (answer.data.resultType === 'streams') {
    throw new AppFailure(appError('bad_input', 'this is a log query (Loki answered streams): run it as a log query'));
  }
  return { data: answer.data, step, linesScanned: Math.round(answer.stats?.totalLinesProcessed ?? 0), elapsedMs };
}

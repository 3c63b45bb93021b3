/**
 * The query a Loki ruler group is evaluated with, over local streams. A ruler runs an instant
 * query per rule at every evaluation time; Loki answers a range query at step t exactly as the
 * instant query at t, so each expression is asked once as a range query on the group's grid
 * (in pieces of at most 11,000 steps, Loki's limit per query) and the evaluations read the
 * answers back by time.
 */
import type { MetricStream } from '../metrics/local-metric-query';
import { runLocalMetricQuery } from '../metrics/local-metric-query';
import type { QueryFunc, Vector } from '../../engines/alerting/types';
import { AppFailure, appError } from '../../../shared/model/app-error';

/** Samples of answers held for a group's LogQL expressions over the range. */
export const MAX_HELD_SAMPLES = 20_000_000;

/** Loki's max points per series of a range query. */
export const MAX_STEPS_PER_QUERY = 11_000;

export interface LogqlRuleQuery {
  query: QueryFunc;
  /** Lines the range queries read. */
  linesScanned: number;
}

export async function prepareLogqlQuery(
  exprs: readonly string[],
  streams: readonly MetricStream[],
  grid: { startMs: number; endMs: number; intervalMs: number },
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<LogqlRuleQuery> {
  const answers = new Map<string, Map<number, Vector>>();
  // A query Loki refuses fails its rule at every evaluation, as the ruler would log it.
  const failures = new Map<string, string>();
  const steps = Math.floor((grid.endMs - grid.startMs) / grid.intervalMs) + 1;
  const pieces = Math.ceil(steps / MAX_STEPS_PER_QUERY);
  let linesScanned = 0;
  let done = 0;
  let held = 0;
  for (const expr of new Set(exprs)) {
    const byTime = new Map<number, Vector>();
    answers.set(expr, byTime);
    for (let p = 0; p < pieces; p++) {
      signal.throwIfAborted();
      const start = grid.startMs + p * MAX_STEPS_PER_QUERY * grid.intervalMs;
      const end = Math.min(grid.endMs, start + (MAX_STEPS_PER_QUERY - 1) * grid.intervalMs);
      // Through the query workers where the lines are indexed, as Explore's metric queries run.
      let a;
      try {
        a = await runLocalMetricQuery({ kind: 'range', query: expr, start, end, step: grid.intervalMs / 1000 }, [...streams], signal);
      } catch (e) {
        signal.throwIfAborted();
        failures.set(expr, e instanceof Error ? e.message : String(e));
        break;
      }
      linesScanned += a.linesScanned;
      const add = (tSec: number, labels: Record<string, string>, v: string) => {
        const t = Math.round(tSec * 1000);
        let vec = byTime.get(t);
        if (!vec) byTime.set(t, (vec = []));
        vec.push({ labels, value: Number(v) });
      };
      const d = a.data;
      held += d.resultType === 'matrix' ? d.result.reduce((n, x) => n + x.values.length, 0) : d.resultType === 'vector' ? d.result.length : 1;
      if (held > MAX_HELD_SAMPLES) {
        throw new AppFailure(appError('bad_input', `the LogQL rule expression ${expr} returns more than ${MAX_HELD_SAMPLES.toLocaleString('en')} samples over the back-test range: aggregate it (e.g. sum by (…)) or shorten the range`));
      }
      if (d.resultType === 'matrix') for (const s of d.result) for (const [t, v] of s.values) add(t, s.metric, v);
      else if (d.resultType === 'vector') for (const s of d.result) add(s.value[0], s.metric, s.value[1]);
      else add(d.result[0], {}, d.result[1]);
      progress(++done, pieces * new Set(exprs).size);
    }
  }
  return {
    linesScanned,
    query: (expr, tMs) => {
      const failed = failures.get(expr);
      if (failed !== undefined) throw new Error(failed);
      const byTime = answers.get(expr);
      if (!byTime) throw new Error(`expression not prepared: ${expr}`);
      return byTime.get(tMs) ?? [];
    },
  };
}

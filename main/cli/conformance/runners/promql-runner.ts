// The PromQL engine in conformance: each promqltest eval replays its loads into a fresh
// in-memory store (cached per list of loads, which the script parser shares between the evals
// that follow the same loads), runs the query with engines/promql as promqltest's engine is
// configured (5m lookback, 1m default subquery step, RE2 regexes) and is judged with
// compare/promql-result. Native histogram samples are stored as an opaque kind: queries see
// them (annotations, absent(), count) while their values stay out of scope. So an eval whose
// answer differs is counted unsupported ("native histograms") when its selectors select a
// series the loads gave native histogram samples (promql-histogram-scope decides it from the
// data); one that passes anyway stays passed.

import { re2Port } from '../../../adapters/re2/re2-port';
import { createPromqlEngine, type PromValue, type QueryResult } from '../../../engines/promql/engine';
import { labelsFromRecord } from '../../../engines/tsdb/labels';
import { createStorage, type Storage } from '../../../engines/tsdb/storage';
import { comparePromqlAnswer, type PromqlAnswer, type PromqlValue } from '../compare/promql-result';
import type { CaseOutcome, CaseRunner } from '../model';
import type { PromqlCase, PromqlLoad } from '../suites/promql-script';
import { selectedHistogramSeries } from './promql-histogram-scope';

const stores = new WeakMap<PromqlLoad[], Storage>();

export function storeOf(loads: PromqlLoad[]): Storage {
  let s = stores.get(loads);
  if (s) return s;
  s = createStorage();
  for (const load of loads) {
    for (const series of load.series) {
      const labels = labelsFromRecord(series.labels);
      series.values.forEach((v, i) => {
        const t = i * load.intervalMs;
        if (v.kind === 'float') s!.append(labels, t, v.value);
        else if (v.kind === 'stale') s!.appendStale(labels, t);
        else if (v.kind === 'histogram') s!.appendHistogram(labels, t);
      });
    }
  }
  stores.set(loads, s);
  return s;
}

function toAnswer(r: QueryResult): PromqlAnswer {
  if (!r.ok) return { error: r.error.message, warnings: r.warnings, infos: r.infos };
  return { value: toValue(r.value), warnings: r.warnings, infos: r.infos };
}

function toValue(v: PromValue): PromqlValue {
  switch (v.resultType) {
    case 'scalar':
      return { type: 'scalar', v: v.result.value };
    case 'string':
      return { type: 'string', v: v.result.value };
    case 'vector':
      return { type: 'vector', samples: v.result.map((s) => ({ labels: s.metric, v: s.value })) };
    case 'matrix':
      return { type: 'matrix', series: v.result.map((s) => ({ labels: s.metric, points: s.values.map((p) => ({ t: p.t, v: p.value })) })) };
  }
}

export function runPromqlCase(c: PromqlCase): CaseOutcome {
  const engine = createPromqlEngine(storeOf(c.loads), { regex: re2Port, lookbackDeltaMs: 5 * 60_000, subqueryStepMs: 60_000 });
  const q = c.query;
  const result = q.kind === 'instant' ? engine.instantQuery(c.expr, q.atMs) : engine.rangeQuery(c.expr, q.startMs, q.endMs, q.stepMs);
  const diff = comparePromqlAnswer(c.expect, q, toAnswer(result));
  if (!diff) return { status: 'passed' };
  const histogram = selectedHistogramSeries(c.expr, c.loads, re2Port);
  if (histogram) return { status: 'unsupported', reason: `native histograms: the query selects ${histogram}, which has native histogram samples (${diff})` };
  return { status: 'failed', reason: diff };
}

export const promqlCaseRunner: CaseRunner<PromqlCase> = {
  run: async (c) => runPromqlCase(c),
};

/**
 * Evaluates an AST node at one time. A range query evaluates the root at every step (see
 * engine.ts); subqueries evaluate their inner expression at their own steps. Per-step
 * evaluation gives the same answers as Prometheus' batched rangeEval, since every node's value
 * at a step depends only on that step.
 */
import type { Expr, SubqueryExpr } from '../../../shared/promql/ast.js';
import { labelsKey } from '../tsdb/labels.js';
import { aggregate } from './aggregate.js';
import { evalBinary } from './binop.js';
import { TOO_MANY_SAMPLES, type EvalContext } from './context.js';
import { callFunction } from './functions.js';
import { durationSeconds, evalMatrixSelector, evalVectorSelector, subqueryTimes } from './selectors.js';
import { fail, type Sample, type Series, type Value } from './values.js';

export function evalAt(ctx: EvalContext, e: Expr, ts: number): Value {
  switch (e.kind) {
    case 'number':
      return { type: 'scalar', v: e.value };
    case 'string':
      return { type: 'string', v: e.value };
    case 'paren':
      return evalAt(ctx, e.expr, ts);
    case 'duration':
      return { type: 'scalar', v: durationSeconds(ctx, e.expr) };
    case 'vectorSelector':
      return { type: 'vector', samples: evalVectorSelector(ctx, e, ts) };
    case 'matrixSelector':
      return { type: 'matrix', series: evalMatrixSelector(ctx, e, ts) };
    case 'subquery':
      return { type: 'matrix', series: evalSubquery(ctx, e, ts) };
    case 'unary': {
      const v = evalAt(ctx, e.expr, ts);
      if (e.op === '+') return v;
      if (v.type === 'scalar') return { type: 'scalar', v: -v.v };
      if (v.type === 'vector') return { type: 'vector', samples: v.samples.map((s) => ({ labels: s.labels, v: -s.v, dropName: true, ...(s.h ? { h: true as const } : {}) })) };
      return fail('unary expression only allowed on expressions of type scalar or instant vector');
    }
    case 'binary':
      return evalBinary(ctx, e, ts);
    case 'aggregate':
      return { type: 'vector', samples: aggregate(ctx, e, ts) };
    case 'call':
      return callFunction(ctx, e, ts);
  }
}

/** An instant vector argument; histogram samples are dropped unless the caller handles them (`keepHistograms`). */
export function evalVector(ctx: EvalContext, e: Expr, ts: number, keepHistograms = false): Sample[] {
  const v = evalAt(ctx, e, ts);
  if (v.type !== 'vector') return fail(`expected instant vector, got ${v.type}`);
  return keepHistograms ? v.samples : floatsOnly(v.samples);
}

export function floatsOnly(samples: Sample[]): Sample[] {
  return samples.some((s) => s.h) ? samples.filter((s) => !s.h) : samples;
}

export function evalScalar(ctx: EvalContext, e: Expr, ts: number): number {
  const v = evalAt(ctx, e, ts);
  if (v.type !== 'scalar') return fail(`expected scalar, got ${v.type}`);
  return v.v;
}

/** A range vector argument; histogram points are dropped (and series left empty) unless the caller handles them. */
export function evalMatrix(ctx: EvalContext, e: Expr, ts: number, keepHistograms = false): Series[] {
  const v = evalAt(ctx, e, ts);
  if (v.type !== 'matrix') return fail(`expected range vector, got ${v.type}`);
  if (keepHistograms || !v.series.some((s) => s.points.some((p) => p.h))) return v.series;
  const out: Series[] = [];
  for (const s of v.series) {
    const points = s.points.filter((p) => !p.h);
    if (points.length) out.push({ ...s, points });
  }
  return out;
}

function evalSubquery(ctx: EvalContext, sq: SubqueryExpr, ts: number): Series[] {
  const byKey = new Map<string, Series>();
  const { first, step, count } = subqueryTimes(ctx, sq, ts);
  let held = 0;
  for (let k = 0; k < count; k++) {
    const t = first + k * step;
    const v = evalAt(ctx, sq.expr, t);
    const samples: Sample[] = v.type === 'vector' ? v.samples : v.type === 'scalar' ? [{ labels: [], v: v.v }] : [];
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let series = byKey.get(key);
      if (!series) {
        series = { labels: s.labels, points: [], ...(s.dropName ? { dropName: true } : {}) };
        byKey.set(key, series);
      }
      if (series.points.length && series.points[series.points.length - 1]!.t === t) fail('vector cannot contain metrics with the same labelset');
      if (++held > ctx.maxSamples) fail(TOO_MANY_SAMPLES);
      series.points.push(s.h ? { t, v: NaN, h: true } : { t, v: s.v });
    }
  }
  return [...byKey.values()];
}

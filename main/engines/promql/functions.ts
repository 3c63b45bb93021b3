/**
 * Function calls: range-vector functions (range-functions.ts) applied per series, the
 * instant-vector functions (vector-functions.ts), and the ones that need the AST
 * (absent's label inference, timestamp of a selector, label_replace/label_join, sorting).
 * Name removal follows Prometheus: every function marks the name for removal except
 * last_over_time, first_over_time, the sorts and the label functions.
 */
import type { Call, Expr } from '../../../shared/promql/ast.js';
import { FUNCTIONS } from '../../../shared/promql/functions.js';
import { LabelsBuilder, METRIC_NAME, type Labels } from '../tsdb/labels.js';
import { firstAfter } from '../tsdb/storage.js';
import { pos, type EvalContext } from './context.js';
import { evalAt, evalMatrix, evalScalar, evalVector } from './evaluate.js';
import { histogramQuantile } from './histogram-quantile.js';
import { labelJoin, labelReplace } from './label-functions.js';
import { RANGE_FUNCTIONS } from './range-functions.js';
import { COUNTER_SUFFIXES, KEEPS_NAME, metricName, rangeOverSelector, windowOf } from './range-over-selector.js';
import { durationMs, refTime, selectSeries } from './selectors.js';
import { sortByLabel, sortByValue } from './sort.js';
import { VECTOR_FUNCTIONS } from './vector-functions.js';
import { fail, type Sample, type Value } from './values.js';


/**
 * What a range function does with histogram samples: `all` uses them (it reads only times or
 * counts), `pick` returns one sample as it is, `mixed` has no result for a series mixing floats
 * and histograms (a warning) and a histogram result for histograms only, `floats` ignores them
 * in a mixed range with an info, `drop` (the rest) leaves them out.
 */
const HISTOGRAM_MODE: Readonly<Record<string, 'all' | 'pick' | 'mixed' | 'floats' | 'drop'>> = {
  count_over_time: 'all',
  present_over_time: 'all',
  ts_of_first_over_time: 'all',
  ts_of_last_over_time: 'all',
  first_over_time: 'pick',
  last_over_time: 'pick',
  rate: 'mixed',
  increase: 'mixed',
  delta: 'mixed',
  irate: 'mixed',
  idelta: 'mixed',
  sum_over_time: 'mixed',
  avg_over_time: 'mixed',
  min_over_time: 'floats',
  max_over_time: 'floats',
  ts_of_min_over_time: 'floats',
  ts_of_max_over_time: 'floats',
  stddev_over_time: 'floats',
  stdvar_over_time: 'floats',
  quantile_over_time: 'floats',
  mad_over_time: 'floats',
  deriv: 'floats',
  predict_linear: 'floats',
  double_exponential_smoothing: 'floats',
};

function unparen(e: Expr): Expr {
  return e.kind === 'paren' ? unparen(e.expr) : e;
}

export function callFunction(ctx: EvalContext, e: Call, ts: number): Value {
  const sig = FUNCTIONS[e.func];
  if (!sig) return fail(`unknown function ${e.func}`);
  const matrixArg = sig.args.indexOf('matrix');
  if (matrixArg >= 0) return { type: 'vector', samples: callRange(ctx, e, matrixArg, ts) };
  switch (e.func) {
    case 'time':
      return { type: 'scalar', v: ts / 1000 };
    case 'pi':
      return { type: 'scalar', v: Math.PI };
    case 'start':
      return { type: 'scalar', v: ctx.startMs / 1000 };
    case 'end':
      return { type: 'scalar', v: ctx.endMs / 1000 };
    case 'step':
      return { type: 'scalar', v: ctx.stepMs / 1000 };
    case 'range':
      return { type: 'scalar', v: (ctx.endMs - ctx.startMs) / 1000 };
    case 'min_of':
    case 'max_of': {
      const a = evalScalar(ctx, e.args[0]!, ts);
      const b = evalScalar(ctx, e.args[1]!, ts);
      return { type: 'scalar', v: Number.isNaN(a) || Number.isNaN(b) ? NaN : e.func === 'min_of' ? Math.min(a, b) : Math.max(a, b) };
    }
    case 'scalar': {
      const v = evalVector(ctx, e.args[0]!, ts);
      return { type: 'scalar', v: v.length === 1 ? v[0]!.v : NaN };
    }
    case 'vector':
      return { type: 'vector', samples: [{ labels: [], v: evalScalar(ctx, e.args[0]!, ts) }] };
    case 'absent': {
      const v = evalVector(ctx, e.args[0]!, ts, true);
      return { type: 'vector', samples: v.length ? [] : [{ labels: absentLabels(e.args[0]!), v: 1 }] };
    }
    case 'timestamp':
      return { type: 'vector', samples: timestamps(ctx, e.args[0]!, ts) };
    case 'histogram_quantile':
      return { type: 'vector', samples: histogramQuantile(ctx, e, ts) };
    case 'label_replace':
      return { type: 'vector', samples: labelReplace(ctx, e, evalVector(ctx, e.args[0]!, ts, true)) };
    case 'label_join':
      return { type: 'vector', samples: labelJoin(ctx, e, evalVector(ctx, e.args[0]!, ts, true)) };
    case 'sort':
    case 'sort_desc':
    case 'sort_by_label':
    case 'sort_by_label_desc': {
      if (ctx.stepMs > 0) ctx.annotations.warn(`sort is ineffective for range queries since results are always ordered by labels${pos(ctx, e)}`);
      // sort_by_label orders histogram samples too; sort/sort_desc order float values only.
      const v = evalVector(ctx, e.args[0]!, ts, e.func.startsWith('sort_by_label'));
      if (e.func.startsWith('sort_by_label')) {
        const names = e.args.slice(1).map((a) => stringArg(ctx, a, ts));
        return { type: 'vector', samples: sortByLabel(v, names, e.func === 'sort_by_label_desc') };
      }
      return { type: 'vector', samples: sortByValue(v, e.func === 'sort_desc') };
    }
  }
  const impl = VECTOR_FUNCTIONS[e.func];
  if (!impl) return fail(`function ${JSON.stringify(e.func)} is not supported`);
  const scalars = e.args.slice(1).map((a) => evalScalar(ctx, a, ts));
  if (e.args.length === 0) {
    // Date functions default to vector(time()).
    const v = impl(ts / 1000, scalars);
    return { type: 'vector', samples: v === undefined ? [] : [{ labels: [], v }] };
  }
  const out: Sample[] = [];
  for (const s of evalVector(ctx, e.args[0]!, ts)) {
    const v = impl(s.v, scalars);
    if (v !== undefined) out.push({ labels: s.labels, v, dropName: true });
  }
  return { type: 'vector', samples: out };
}

function stringArg(ctx: EvalContext, a: Expr, ts: number): string {
  const v = evalAt(ctx, a, ts);
  return v.type === 'string' ? v.v : fail('expected a string argument');
}

function callRange(ctx: EvalContext, e: Call, matrixArg: number, ts: number): Sample[] {
  const arg = unparen(e.args[matrixArg]!);
  const scalars = e.args.filter((_, i) => i !== matrixArg).map((a) => evalScalar(ctx, a, ts));
  if (arg.kind === 'matrixSelector' && e.func !== 'absent_over_time') {
    const fast = rangeOverSelector(ctx, e, arg, scalars, ts);
    if (fast) return fast;
  }
  const series = evalMatrix(ctx, arg, ts, true);
  const window = arg.kind === 'matrixSelector'
    ? { end: refTime(ctx, ts, arg.vector.at, arg.vector.offset), range: durationMs(ctx, arg.range) }
    : arg.kind === 'subquery' ? { end: refTime(ctx, ts, arg.at, arg.offset), range: durationMs(ctx, arg.range) } : { end: ts, range: 0 };
  if (e.func === 'absent_over_time') return series.length ? [] : [{ labels: absentLabels(arg), v: 1 }];
  if (e.func === 'quantile_over_time' && series.length) {
    const q = scalars[0]!;
    if (Number.isNaN(q) || q < 0 || q > 1) ctx.annotations.warn(`quantile value should be between 0 and 1, got ${q}${pos(ctx, e.args[0]!)}`);
  }
  const withFloats = series.filter((s) => s.points.some((p) => !p.h));
  if ((e.func === 'rate' || e.func === 'increase') && withFloats.length) {
    const name = metricName(withFloats[0]!);
    if (name && !COUNTER_SUFFIXES.some((s) => name.endsWith(s))) ctx.annotations.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(name)}${pos(ctx, e.args[0]!)}`);
  }
  const fn = RANGE_FUNCTIONS[e.func];
  if (!fn) return fail(`function ${JSON.stringify(e.func)} is not supported`);
  const args = { rangeStart: window.end - window.range, rangeEnd: window.end, rangeSeconds: window.range / 1000, ts, scalars };
  const out: Sample[] = [];
  for (const s of series) {
    if (!s.points.length) continue;
    const dropName = !KEEPS_NAME.has(e.func) || s.dropName ? { dropName: true } : {};
    let points = s.points;
    if (points.some((p) => p.h)) {
      const floats = points.filter((p) => !p.h);
      const mode = HISTOGRAM_MODE[e.func] ?? 'drop';
      if (mode === 'pick') {
        // first/last_over_time: the chosen sample may be a histogram (its value opaque).
        const p = e.func === 'first_over_time' ? points[0]! : points[points.length - 1]!;
        out.push(p.h ? { labels: s.labels, v: NaN, h: true, ...dropName } : { labels: s.labels, v: p.v, ...dropName });
        continue;
      }
      if (mode === 'mixed') {
        const last = points.slice(-2);
        if (e.func === 'irate' || e.func === 'idelta' ? last.length === 2 && last.some((p) => p.h) && last.some((p) => !p.h) : floats.length > 0) {
          ctx.annotations.warn(`encountered a mix of histograms and floats for metric name ${JSON.stringify(metricName(s))}${pos(ctx, e.args[0]!)}`);
          continue;
        }
        // Histograms only: the result is a histogram; irate/idelta look at their last two samples only.
        if (e.func !== 'irate' && e.func !== 'idelta') {
          out.push({ labels: s.labels, v: NaN, h: true, ...dropName });
          continue;
        }
        if (last.length === 2 && last.every((p) => p.h)) {
          out.push({ labels: s.labels, v: NaN, h: true, ...dropName });
          continue;
        }
        points = floats;
      } else if (mode === 'floats') {
        if (floats.length) ctx.annotations.info(`ignored histograms in a range containing both floats and histograms for metric name ${JSON.stringify(metricName(s))}${pos(ctx, e.args[0]!)}`);
        points = floats;
      } else if (mode === 'drop') points = floats;
      if (!points.length) continue;
    }
    const v = fn(windowOf(points), args);
    if (v === undefined) continue;
    out.push({ labels: s.labels, v, ...dropName });
  }
  return out;
}

/** absent()'s labels: the equality matchers of a selector argument, except the name and repeated labels. */
function absentLabels(arg: Expr): Labels {
  const a = unparen(arg);
  const matchers = a.kind === 'vectorSelector' ? a.matchers : a.kind === 'matrixSelector' ? a.vector.matchers : [];
  const b = new LabelsBuilder([]);
  const has = new Set<string>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !has.has(m.name)) {
      b.set(m.name, m.value);
      has.add(m.name);
    } else b.del(m.name);
  }
  return b.labels();
}

/** timestamp(): a selector argument gives its samples' own times; anything else the step's time. */
function timestamps(ctx: EvalContext, arg: Expr, ts: number): Sample[] {
  const a = unparen(arg);
  if (a.kind !== 'vectorSelector') return evalVector(ctx, arg, ts).map((s) => ({ labels: s.labels, v: ts / 1000, dropName: true }));
  const t = refTime(ctx, ts, a.at, a.offset);
  const out: Sample[] = [];
  for (const s of selectSeries(ctx, a)) {
    const i = firstAfter(s, t) - 1;
    if (i < 0 || s.t[i]! <= t - ctx.lookbackMs || s.stale[i]) continue;
    out.push({ labels: s.labels, v: s.t[i]! / 1000, dropName: true });
  }
  return out;
}

/**
 * Aggregation operators as Prometheus' engine (aggregation, aggregationK,
 * aggregationCountValues): grouping labels, Kahan sums, the direct-then-incremental mean,
 * Welford variance, NaN handling of min/max, topk/bottomk heaps, and their errors and warnings.
 */
import type { AggregateExpr } from '../../../shared/promql/ast.js';
import { isValidLabelName } from '../../../shared/promql/literals.js';
import { formatSampleValue } from '../logql/metric/format.js';
import { LabelsBuilder, labelsKey, METRIC_NAME, type Labels } from '../tsdb/labels.js';
import { pos, type EvalContext } from './context.js';
import { evalAt, evalVector, floatsOnly } from './evaluate.js';
import { byReverseValue, byValue, heapFix, heapPush, sortReverse } from './heap.js';
import { Kahan, kahanMean } from './kahan.js';
import { quantile } from './quantile.js';
import { quoteGoBytes } from './go-quote.js';
import { fail, type Sample } from './values.js';

/** Aggregations of float values only: histogram samples are ignored with an info annotation. */
const FLOAT_ONLY = new Set<AggregateExpr['op']>(['min', 'max', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk']);

export function groupingLabels(ls: Labels, without: boolean, grouping: readonly string[]): Labels {
  if (without) return new LabelsBuilder(ls).del(...grouping, METRIC_NAME).labels();
  if (grouping.length) return new LabelsBuilder(ls).keep(grouping).labels();
  return [];
}

interface Group {
  labels: Labels;
  samples: Sample[];
  dropName: boolean;
}

/** Each input label set's group, per aggregation node: the same series come back at every step. */
const groupMemo = new WeakMap<AggregateExpr, WeakMap<Labels, { labels: Labels; key: string }>>();

function groupOf(e: AggregateExpr, ls: Labels): { labels: Labels; key: string } {
  let memo = groupMemo.get(e);
  if (!memo) groupMemo.set(e, (memo = new WeakMap()));
  let g = memo.get(ls);
  if (!g) {
    const labels = groupingLabels(ls, e.without, e.grouping);
    memo.set(ls, (g = { labels, key: labelsKey(labels) }));
  }
  return g;
}

function groupBy(e: AggregateExpr, input: Sample[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of input) {
    const { labels, key } = groupOf(e, s.labels);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, samples: [], dropName: false }));
    g.samples.push(s);
    if (s.dropName) g.dropName = true;
  }
  return [...groups.values()];
}

export function aggregate(ctx: EvalContext, e: AggregateExpr, ts: number): Sample[] {
  if (e.op === 'count_values') return countValues(ctx, e, ts);
  const param = e.param ? evalAt(ctx, e.param, ts) : undefined;
  const p = param?.type === 'scalar' ? param.v : NaN;
  if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk') {
    if (p < 1) return [];
    if (Number.isNaN(p)) fail('Parameter value is NaN');
    if (p <= -9223372036854775808) fail(`Scalar value ${p} underflows int64`);
    if (p >= 9223372036854775807) fail(`Scalar value ${p} overflows int64`);
  }
  if (e.op === 'limit_ratio') {
    if (p === 0) return [];
    if (Number.isNaN(p)) fail('Ratio value is NaN');
  }
  if (e.op === 'quantile' && (Number.isNaN(p) || p < 0 || p > 1)) ctx.annotations.warn(`quantile value should be between 0 and 1, got ${formatSampleValue(p)}${pos(ctx, e.param!)}`);
  let input = evalVector(ctx, e.expr, ts, true);
  if (FLOAT_ONLY.has(e.op) && input.some((s) => s.h)) {
    ctx.annotations.info(`ignored histogram in ${e.op} aggregation${pos(ctx, e)}`);
    input = floatsOnly(input);
  }
  if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') return aggregateK(e, p, input);
  const out: Sample[] = [];
  for (const g of groupBy(e, input)) {
    const dropName = g.dropName ? { dropName: true } : {};
    if ((e.op === 'sum' || e.op === 'avg') && g.samples.some((s) => s.h)) {
      // A sum or mean of histograms is a histogram (opaque here); a mix of both has no result.
      if (g.samples.every((s) => s.h)) out.push({ labels: g.labels, v: NaN, h: true, ...dropName });
      else ctx.annotations.warn(`encountered a mix of histograms and floats for aggregation${pos(ctx, e)}`);
      continue;
    }
    out.push({ labels: g.labels, v: reduce(e.op, g.samples.map((s) => s.v), p), ...dropName });
  }
  return out;
}

function reduce(op: AggregateExpr['op'], vs: number[], param: number): number {
  switch (op) {
    case 'sum': {
      const k = new Kahan(vs[0]!);
      for (let i = 1; i < vs.length; i++) k.add(vs[i]!);
      return k.value();
    }
    case 'avg':
      // The direct Kahan mean while the sum stays finite, then the incremental mean.
      return kahanMean(vs);
    case 'count':
      return vs.length;
    case 'group':
      return 1;
    case 'min':
    case 'max': {
      let v = vs[0]!;
      for (const f of vs.slice(1)) if ((op === 'max' ? v < f : v > f) || Number.isNaN(v)) v = f;
      return v;
    }
    case 'stddev':
    case 'stdvar': {
      let value = Number.isFinite(vs[0]!) ? 0 : NaN;
      let m = vs[0]!;
      let n = 1;
      for (const f of vs.slice(1)) {
        n++;
        const delta = f - m;
        m += delta / n;
        value += delta * (f - m);
      }
      return op === 'stdvar' ? value / n : Math.sqrt(value / n);
    }
    case 'quantile':
      return quantile(param, vs);
    default:
      return NaN;
  }
}


function aggregateK(e: AggregateExpr, p: number, input: Sample[]): Sample[] {
  const groups = groupBy(e, input);
  const out: Sample[] = [];
  const k = Math.min(Math.trunc(p), input.length);
  for (const g of groups) {
    const h: Sample[] = [];
    const less = e.op === 'bottomk' ? byReverseValue : byValue;
    for (const s of g.samples) {
      if (e.op === 'limitk') {
        if (h.length < k) h.push(s);
      } else if (e.op === 'limit_ratio') {
        if (ratioKeeps(p, s.labels)) h.push(s);
      } else if (h.length < k) heapPush(h, s, less);
      else if ((e.op === 'topk' ? h[0]!.v < s.v : h[0]!.v > s.v) || (Number.isNaN(h[0]!.v) && !Number.isNaN(s.v))) {
        h[0] = s;
        if (k > 1) heapFix(h, 0, less);
      }
    }
    if (e.op === 'topk' || e.op === 'bottomk') sortReverse(h, less);
    out.push(...h);
  }
  return out;
}

/** limit_ratio keeps a series when its label hash falls within the ratio (stable across steps). */
function ratioKeeps(ratio: number, labels: Labels): boolean {
  const r = Math.max(-1, Math.min(1, ratio));
  let h = 2166136261;
  for (const ch of labelsKey(labels)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const offset = h / 2 ** 32;
  return r >= 0 ? offset < r : offset >= 1 + r;
}

function countValues(ctx: EvalContext, e: AggregateExpr, ts: number): Sample[] {
  const label = evalAt(ctx, e.param!, ts);
  const name = label.type === 'string' ? label.v : '';
  if (!isValidLabelName(name)) fail(`invalid label name ${quoteGoBytes(name)}`);
  const grouping = e.without ? e.grouping : [...e.grouping, name];
  const counts = new Map<string, { labels: Labels; n: number }>();
  for (const s of evalVector(ctx, e.expr, ts)) {
    const withValue = new LabelsBuilder(s.labels).set(name, formatSampleValue(s.v)).labels();
    const labels = groupingLabels(withValue, e.without, grouping);
    const key = labelsKey(labels);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { labels, n: 1 });
  }
  return [...counts.values()].map((c) => ({ labels: c.labels, v: c.n }));
}

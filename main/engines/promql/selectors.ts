/**
 * Selectors and subqueries at one evaluation time: instant selectors look back
 * `lookbackDelta` over (t - δ, t] and a staleness marker ends a series; range selectors take
 * (t - range, t] without markers (Prometheus 3's left-open windows).
 */
import type { AtModifier, DurationExpr, LabelMatcher, MatrixSelector, SubqueryExpr, VectorSelector } from '../../../shared/promql/ast.js';
import { firstAfter, type SeriesMatcher, type SeriesView } from '../tsdb/storage.js';
import { TOO_MANY_SAMPLES, type EvalContext } from './context.js';
import { fail, type Point, type Sample, type Series } from './values.js';

export function durationSeconds(ctx: EvalContext, d: DurationExpr): number {
  switch (d.kind) {
    case 'literal':
      return d.ms / 1000;
    case 'step':
      return ctx.stepMs / 1000;
    case 'range':
      return (ctx.endMs - ctx.startMs) / 1000;
    case 'unary':
      return d.op === '-' ? -durationSeconds(ctx, d.expr) : durationSeconds(ctx, d.expr);
    case 'call': {
      const a = durationSeconds(ctx, d.args[0]);
      const b = durationSeconds(ctx, d.args[1]);
      if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
      return d.fn === 'min_of' ? Math.min(a, b) : Math.max(a, b);
    }
    case 'binary': {
      const a = durationSeconds(ctx, d.left);
      const b = durationSeconds(ctx, d.right);
      switch (d.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/':
          if (b === 0) fail('division by zero');
          return a / b;
        case '%':
          if (b === 0) fail('modulo by zero');
          return a % b;
        case '^': return a ** b;
      }
    }
  }
}

export function durationMs(ctx: EvalContext, d: DurationExpr | undefined): number {
  return d ? Math.round(durationSeconds(ctx, d) * 1000) : 0;
}

/** The time a selector reads at: its @ time (if any) minus its offset. */
export function refTime(ctx: EvalContext, ts: number, at: AtModifier | undefined, offset: DurationExpr | undefined): number {
  const base = !at ? ts : at.kind === 'start' ? ctx.startMs : at.kind === 'end' ? ctx.endMs : at.ms;
  return base - durationMs(ctx, offset);
}

/**
 * A selector's series: selected once per query, and kept across the queries of one engine (the
 * parsed query, so the selector node, is cached) while the store's set of series is unchanged,
 * so rules evaluated at every step do not filter the store at every step.
 */
export function selectSeries(ctx: EvalContext, sel: VectorSelector): SeriesView[] {
  let s = ctx.selected.get(sel);
  if (s) return s;
  const generation = ctx.storage.generation();
  const kept = ctx.selections.get(sel);
  if (kept && kept.generation === generation) s = kept.series;
  else {
    s = ctx.storage.select(sel.matchers.map((m) => compiledMatcher(ctx, m)));
    ctx.selections.set(sel, { generation, series: s });
  }
  ctx.selected.set(sel, s);
  return s;
}

const compiled = new WeakMap<LabelMatcher, SeriesMatcher>();

/** Matchers are compiled once per parsed matcher (regexes especially). */
function compiledMatcher(ctx: EvalContext, m: LabelMatcher): SeriesMatcher {
  let c = compiled.get(m);
  if (!c) compiled.set(m, (c = compileMatcher(ctx, m)));
  return c;
}

function compileMatcher(ctx: EvalContext, m: LabelMatcher): SeriesMatcher {
  if (m.type === '=') return { name: m.name, matches: (v) => v === m.value, equals: m.value };
  if (m.type === '!=') return { name: m.name, matches: (v) => v !== m.value };
  // Prometheus anchors label regexes and lets `.` match newlines: ^(?s:…)$.
  const r = ctx.regex.compile(`^(?s:${m.value})$`);
  if (!r.ok) fail(`invalid regular expression ${JSON.stringify(m.value)}: ${r.error}`);
  const re = r.regex;
  return m.type === '=~' ? { name: m.name, matches: (v) => re.test(v) } : { name: m.name, matches: (v) => !re.test(v) };
}

/**
 * firstAfter(s, after) for the idx-th series of a selector, remembering where it was found: the
 * steps of a range query move forward in time, so the next answer is usually a few samples on
 * (scanned) rather than a binary search away. A step back in time (subqueries) searches again.
 */
export function seekAfter(ctx: EvalContext, sel: VectorSelector, idx: number, s: SeriesView, after: number): number {
  let c = ctx.cursors.get(sel);
  if (!c) {
    const n = selectSeries(ctx, sel).length;
    c = { after: new Float64Array(n).fill(Infinity), index: new Int32Array(n) };
    ctx.cursors.set(sel, c);
  }
  let i: number;
  if (c.after[idx]! <= after) {
    i = c.index[idx]!;
    for (let k = 0; i < s.length && s.t[i]! <= after; i++) {
      if (++k === 8) {
        i = firstAfter(s, after, i);
        break;
      }
    }
  } else i = firstAfter(s, after);
  c.after[idx] = after;
  c.index[idx] = i;
  return i;
}

export function evalVectorSelector(ctx: EvalContext, sel: VectorSelector, ts: number): Sample[] {
  const t = refTime(ctx, ts, sel.at, sel.offset);
  const out: Sample[] = [];
  const series = selectSeries(ctx, sel);
  for (let idx = 0; idx < series.length; idx++) {
    const s = series[idx]!;
    const i = seekAfter(ctx, sel, idx, s, t) - 1;
    if (i < 0 || s.t[i]! <= t - ctx.lookbackMs || s.stale[i]) continue;
    out.push(s.hist[i] ? { labels: s.labels, v: NaN, h: true } : { labels: s.labels, v: s.v[i]! });
  }
  return out;
}

/** Points of one series in (from, to], staleness markers skipped. */
export function pointsIn(s: SeriesView, from: number, to: number): Point[] {
  const pts: Point[] = [];
  for (let i = firstAfter(s, from); i < s.length && s.t[i]! <= to; i++) {
    if (!s.stale[i]) pts.push(s.hist[i] ? { t: s.t[i]!, v: NaN, h: true } : { t: s.t[i]!, v: s.v[i]! });
  }
  return pts;
}

export function evalMatrixSelector(ctx: EvalContext, m: MatrixSelector, ts: number): Series[] {
  const t = refTime(ctx, ts, m.vector.at, m.vector.offset);
  const range = durationMs(ctx, m.range);
  const out: Series[] = [];
  let loaded = 0;
  for (const s of selectSeries(ctx, m.vector)) {
    // Bounded before copying: a window over years of samples is refused, not materialised.
    loaded += firstAfter(s, t) - firstAfter(s, t - range);
    if (loaded > ctx.maxSamples) fail(TOO_MANY_SAMPLES);
    const points = pointsIn(s, t - range, t);
    if (points.length) out.push({ labels: s.labels, points });
  }
  return out;
}

/**
 * Evaluation times of a subquery at `ts`: multiples of its step in (t - range, t], as first time
 * and count. More steps than the query may hold samples is refused up front (Prometheus would
 * refuse them once that many samples are held; bounding the steps bounds the work).
 */
export function subqueryTimes(ctx: EvalContext, sq: SubqueryExpr, ts: number): { first: number; step: number; count: number } {
  const t = refTime(ctx, ts, sq.at, sq.offset);
  const range = durationMs(ctx, sq.range);
  const step = sq.step ? durationMs(ctx, sq.step) : ctx.subqueryStepMs;
  if (step <= 0) fail(`zero or negative step in subquery`);
  const from = t - range;
  let first = step * Math.trunc(from / step);
  if (first <= from) first += step;
  const count = first > t ? 0 : Math.floor((t - first) / step) + 1;
  if (count > ctx.maxSamples) fail(TOO_MANY_SAMPLES);
  return { first, step, count };
}

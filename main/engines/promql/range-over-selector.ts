/**
 * Range functions over a selector, the common case, without allocating per sample: each
 * series' samples in the window are copied into one reused typed-array window and handed to
 * the function. The general path (functions.ts callRange) handles subqueries and histogram
 * samples, and uses the same window for its points.
 */
import type { Call, MatrixSelector } from '../../../shared/promql/ast.js';
import { METRIC_NAME, type Labels } from '../tsdb/labels.js';
import type { SeriesView } from '../tsdb/storage.js';
import { pos, TOO_MANY_SAMPLES, type EvalContext } from './context.js';
import { RANGE_FUNCTIONS, type Window } from './range-functions.js';
import { durationMs, refTime, seekAfter, selectSeries } from './selectors.js';
import { fail, type Point, type Sample } from './values.js';

/** Functions whose result keeps the metric name. */
export const KEEPS_NAME = new Set(['last_over_time', 'first_over_time']);
export const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

export function metricName(s: { labels: Labels }): string {
  return s.labels.find((l) => l.name === METRIC_NAME)?.value ?? '';
}

/** The one window range functions read (they never keep it): reused, grown when a range needs more. */
const win: Window = { t: new Float64Array(256), v: new Float64Array(256), n: 0 };

function growWindow(min: number): void {
  const size = Math.max(min, win.t.length * 2);
  const t = new Float64Array(size);
  const v = new Float64Array(size);
  t.set(win.t);
  v.set(win.v);
  win.t = t;
  win.v = v;
}

/** The general path's points as the window. */
export function windowOf(points: readonly Point[]): Window {
  if (points.length > win.t.length) growWindow(points.length);
  for (let i = 0; i < points.length; i++) {
    win.t[i] = points[i]!.t;
    win.v[i] = points[i]!.v;
  }
  win.n = points.length;
  return win;
}

/**
 * The common case without allocating per sample: a range function over a selector whose
 * windows hold floats only. Each series' window is copied into reused points and handed to
 * the function; undefined (the general path then runs) as soon as a histogram sample shows.
 */
export function rangeOverSelector(ctx: EvalContext, e: Call, arg: MatrixSelector, scalars: number[], ts: number): Sample[] | undefined {
  const fn = RANGE_FUNCTIONS[e.func];
  if (!fn) return undefined;
  const end = refTime(ctx, ts, arg.vector.at, arg.vector.offset);
  const range = durationMs(ctx, arg.range);
  const args = { rangeStart: end - range, rangeEnd: end, rangeSeconds: range / 1000, ts, scalars };
  const keepName = KEEPS_NAME.has(e.func);
  const out: Sample[] = [];
  let first: SeriesView | undefined;
  let loaded = 0;
  const series = selectSeries(ctx, arg.vector);
  for (let idx = 0; idx < series.length; idx++) {
    const s = series[idx]!;
    let n = 0;
    // The scan is bounded by the samples stored; the sample limit stops it early.
    for (let i = seekAfter(ctx, arg.vector, idx, s, end - range); i < s.length && s.t[i]! <= end; i++) {
      if (++loaded > ctx.maxSamples) fail(TOO_MANY_SAMPLES);
      if (s.hist[i]) return undefined;
      if (s.stale[i]) continue;
      if (n === win.t.length) growWindow(n + 1);
      win.t[n] = s.t[i]!;
      win.v[n] = s.v[i]!;
      n++;
    }
    if (n === 0) continue;
    first ??= s;
    win.n = n;
    const v = fn(win, args);
    if (v !== undefined) out.push(keepName ? { labels: s.labels, v } : { labels: s.labels, v, dropName: true });
  }
  // The annotations of the general path, which only look at whether a series had points.
  if (first && e.func === 'quantile_over_time') {
    const q = scalars[0]!;
    if (Number.isNaN(q) || q < 0 || q > 1) ctx.annotations.warn(`quantile value should be between 0 and 1, got ${q}${pos(ctx, e.args[0]!)}`);
  }
  if (first && (e.func === 'rate' || e.func === 'increase')) {
    const name = metricName(first);
    if (name && !COUNTER_SUFFIXES.some((x) => name.endsWith(x))) ctx.annotations.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(name)}${pos(ctx, e.args[0]!)}`);
  }
  return out;
}


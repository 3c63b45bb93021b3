/**
 * Functions over range vectors (one value per series from its points in the window), as
 * Prometheus' functions.go: extrapolated rate/increase/delta, irate/idelta, the *_over_time
 * family with Kahan sums, deriv/predict_linear regression, double exponential smoothing.
 * Each returns undefined where Prometheus returns no sample for the series.
 */
import { Kahan, kahanMeanOf } from './kahan.js';
import { quantile } from './quantile.js';
import { fail, type Point } from './values.js';

/** What a range function sees besides the points. */
export interface RangeArgs {
  /** Start and end of the selected window, in ms (exclusive start). */
  rangeStart: number;
  rangeEnd: number;
  rangeSeconds: number;
  /** Evaluation time of the step (predict_linear's intercept). */
  ts: number;
  scalars: number[];
}

export type RangeFn = (pts: Point[], a: RangeArgs) => number | undefined;

function extrapolatedRate(pts: Point[], a: RangeArgs, isCounter: boolean, isRate: boolean): number | undefined {
  if (pts.length < 2) return undefined;
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  let result = last.v - first.v;
  if (isCounter) {
    for (let i = 1; i < pts.length; i++) if (pts[i]!.v < pts[i - 1]!.v) result += pts[i - 1]!.v;
  }
  let durationToStart = (first.t - a.rangeStart) / 1000;
  let durationToEnd = (a.rangeEnd - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const avg = sampledInterval / (pts.length - 1);
  const threshold = avg * 1.1;
  if (durationToStart >= threshold) durationToStart = avg / 2;
  if (isCounter) {
    let durationToZero = durationToStart;
    if (result > 0 && first.v >= 0) durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = avg / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= a.rangeSeconds;
  return result * factor;
}

function instantValue(pts: Point[], isRate: boolean): number | undefined {
  if (pts.length < 2) return undefined;
  const prev = pts[pts.length - 2]!;
  const last = pts[pts.length - 1]!;
  const interval = last.t - prev.t;
  if (interval === 0) return undefined;
  let v = last.v;
  if (!isRate || !(last.v < prev.v)) v = last.v - prev.v;
  return isRate ? v / (interval / 1000) : v;
}

export function linearRegression(pts: Point[], interceptTime: number): [number, number] {
  const n = pts.length;
  const sumX = new Kahan(), sumY = new Kahan(), sumXY = new Kahan(), sumX2 = new Kahan();
  const initY = pts[0]!.v;
  let constY = true;
  for (let i = 0; i < n; i++) {
    const p = pts[i]!;
    if (constY && i > 0 && p.v !== initY) constY = false;
    const x = (p.t - interceptTime) / 1e3;
    sumX.add(x);
    sumY.add(p.v);
    sumXY.add(x * p.v);
    sumX2.add(x * x);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [NaN, NaN];
  const sx = sumX.value(), sy = sumY.value(), sxy = sumXY.value(), sx2 = sumX2.value();
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  return [slope, sy / n - (slope * sx) / n];
}

function compareOverTime(pts: Point[], better: (cur: number, best: number) => boolean, returnTs: boolean): number {
  let best = pts[0]!.v;
  let bestT = pts[0]!.t;
  for (const p of pts) {
    if (better(p.v, best)) {
      best = p.v;
      bestT = p.t;
    }
  }
  return returnTs ? bestT / 1000 : best;
}

function variance(pts: Point[]): number {
  let count = 0;
  const mean = new Kahan(), aux = new Kahan();
  for (const p of pts) {
    count++;
    const delta = p.v - mean.value();
    mean.add(delta / count);
    aux.add(delta * (p.v - mean.value()));
  }
  return aux.value() / count;
}

function smoothing(pts: Point[], sf: number, tf: number): number | undefined {
  if (sf <= 0 || sf >= 1 || Number.isNaN(sf)) fail(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (tf <= 0 || tf >= 1 || Number.isNaN(tf)) fail(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  if (pts.length < 2) return undefined;
  let s0 = 0;
  let s1 = pts[0]!.v;
  let b = pts[1]!.v - pts[0]!.v;
  for (let i = 1; i < pts.length; i++) {
    const x = sf * pts[i]!.v;
    b = i - 1 === 0 ? b : tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    [s0, s1] = [s1, x + y];
  }
  return s1;
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFn>> = {
  rate: (p, a) => extrapolatedRate(p, a, true, true),
  increase: (p, a) => extrapolatedRate(p, a, true, false),
  delta: (p, a) => extrapolatedRate(p, a, false, false),
  irate: (p) => instantValue(p, true),
  idelta: (p) => instantValue(p, false),
  avg_over_time: (p) => kahanMeanOf(p.length, (i) => p[i]!.v),
  sum_over_time: (p) => {
    const k = new Kahan();
    for (const x of p) k.add(x.v);
    return k.value();
  },
  count_over_time: (p) => p.length,
  min_over_time: (p) => compareOverTime(p, (cur, best) => cur < best || Number.isNaN(best), false),
  max_over_time: (p) => compareOverTime(p, (cur, best) => cur > best || Number.isNaN(best), false),
  ts_of_min_over_time: (p) => compareOverTime(p, (cur, best) => cur <= best || Number.isNaN(best), true),
  ts_of_max_over_time: (p) => compareOverTime(p, (cur, best) => cur >= best || Number.isNaN(best), true),
  first_over_time: (p) => p[0]!.v,
  last_over_time: (p) => p[p.length - 1]!.v,
  ts_of_first_over_time: (p) => p[0]!.t / 1000,
  ts_of_last_over_time: (p) => p[p.length - 1]!.t / 1000,
  present_over_time: () => 1,
  stdvar_over_time: (p) => variance(p),
  stddev_over_time: (p) => Math.sqrt(variance(p)),
  quantile_over_time: (p, a) => quantile(a.scalars[0]!, p.map((x) => x.v)),
  mad_over_time: (p) => {
    const vs = p.map((x) => x.v);
    if (vs.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, vs);
    return quantile(0.5, vs.map((v) => Math.abs(v - median)));
  },
  changes: (p) => {
    let n = 0;
    for (let i = 1; i < p.length; i++) if (p[i]!.v !== p[i - 1]!.v && !(Number.isNaN(p[i]!.v) && Number.isNaN(p[i - 1]!.v))) n++;
    return n;
  },
  resets: (p) => {
    let n = 0;
    for (let i = 1; i < p.length; i++) if (p[i]!.v < p[i - 1]!.v) n++;
    return n;
  },
  deriv: (p) => (p.length < 2 ? undefined : linearRegression(p, p[0]!.t)[0]),
  predict_linear: (p, a) => {
    if (p.length < 2) return undefined;
    const [slope, intercept] = linearRegression(p, a.ts);
    return slope * a.scalars[0]! + intercept;
  },
  double_exponential_smoothing: (p, a) => smoothing(p, a.scalars[0]!, a.scalars[1]!),
};

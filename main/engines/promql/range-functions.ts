/**
 * Functions over range vectors (one value per series from its points in the window), as
 * Prometheus' functions.go: extrapolated rate/increase/delta, irate/idelta, the *_over_time
 * family with Kahan sums, deriv/predict_linear regression, double exponential smoothing.
 * Each returns undefined where Prometheus returns no sample for the series. Functions read a
 * window of typed arrays (times and values, `n` samples), filled without allocating per sample.
 */
import { Kahan, kahanMeanOf } from './kahan.js';
import { quantile } from './quantile.js';
import { fail } from './values.js';

/** The samples of one series in a range: t[i], v[i] for i < n (the arrays may be longer). */
export interface Window {
  t: Float64Array;
  v: Float64Array;
  n: number;
}

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

export type RangeFn = (w: Window, a: RangeArgs) => number | undefined;

/** A window's values as a plain array (for the few functions that sort them). */
function valuesOf(w: Window): number[] {
  return Array.from(w.v.subarray(0, w.n));
}

function extrapolatedRate(w: Window, a: RangeArgs, isCounter: boolean, isRate: boolean): number | undefined {
  const { t, v, n } = w;
  if (n < 2) return undefined;
  const firstT = t[0]!, firstV = v[0]!, lastT = t[n - 1]!;
  let result = v[n - 1]! - firstV;
  if (isCounter) {
    for (let i = 1; i < n; i++) if (v[i]! < v[i - 1]!) result += v[i - 1]!;
  }
  let durationToStart = (firstT - a.rangeStart) / 1000;
  let durationToEnd = (a.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const avg = sampledInterval / (n - 1);
  const threshold = avg * 1.1;
  if (durationToStart >= threshold) durationToStart = avg / 2;
  if (isCounter) {
    let durationToZero = durationToStart;
    if (result > 0 && firstV >= 0) durationToZero = sampledInterval * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = avg / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= a.rangeSeconds;
  return result * factor;
}

function instantValue(w: Window, isRate: boolean): number | undefined {
  const { t, v, n } = w;
  if (n < 2) return undefined;
  const prevV = v[n - 2]!;
  const lastV = v[n - 1]!;
  const interval = t[n - 1]! - t[n - 2]!;
  if (interval === 0) return undefined;
  let r = lastV;
  if (!isRate || !(lastV < prevV)) r = lastV - prevV;
  return isRate ? r / (interval / 1000) : r;
}

export function linearRegression(w: Window, interceptTime: number): [number, number] {
  const { t, v, n } = w;
  const sumX = new Kahan(), sumY = new Kahan(), sumXY = new Kahan(), sumX2 = new Kahan();
  const initY = v[0]!;
  let constY = true;
  for (let i = 0; i < n; i++) {
    const y = v[i]!;
    if (constY && i > 0 && y !== initY) constY = false;
    const x = (t[i]! - interceptTime) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [NaN, NaN];
  const sx = sumX.value(), sy = sumY.value(), sxy = sumXY.value(), sx2 = sumX2.value();
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  return [slope, sy / n - (slope * sx) / n];
}

function compareOverTime(w: Window, better: (cur: number, best: number) => boolean, returnTs: boolean): number {
  let best = w.v[0]!;
  let bestT = w.t[0]!;
  for (let i = 0; i < w.n; i++) {
    if (better(w.v[i]!, best)) {
      best = w.v[i]!;
      bestT = w.t[i]!;
    }
  }
  return returnTs ? bestT / 1000 : best;
}

function variance(w: Window): number {
  const mean = new Kahan(), aux = new Kahan();
  for (let i = 0; i < w.n; i++) {
    const x = w.v[i]!;
    const delta = x - mean.value();
    mean.add(delta / (i + 1));
    aux.add(delta * (x - mean.value()));
  }
  return aux.value() / w.n;
}

function smoothing(w: Window, sf: number, tf: number): number | undefined {
  if (sf <= 0 || sf >= 1 || Number.isNaN(sf)) fail(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (tf <= 0 || tf >= 1 || Number.isNaN(tf)) fail(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  const v = w.v;
  if (w.n < 2) return undefined;
  let s0 = 0;
  let s1 = v[0]!;
  let b = v[1]! - v[0]!;
  for (let i = 1; i < w.n; i++) {
    const x = sf * v[i]!;
    b = i - 1 === 0 ? b : tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    [s0, s1] = [s1, x + y];
  }
  return s1;
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFn>> = {
  rate: (w, a) => extrapolatedRate(w, a, true, true),
  increase: (w, a) => extrapolatedRate(w, a, true, false),
  delta: (w, a) => extrapolatedRate(w, a, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  avg_over_time: (w) => kahanMeanOf(w.n, (i) => w.v[i]!),
  sum_over_time: (w) => {
    const k = new Kahan();
    for (let i = 0; i < w.n; i++) k.add(w.v[i]!);
    return k.value();
  },
  count_over_time: (w) => w.n,
  min_over_time: (w) => compareOverTime(w, (cur, best) => cur < best || Number.isNaN(best), false),
  max_over_time: (w) => compareOverTime(w, (cur, best) => cur > best || Number.isNaN(best), false),
  ts_of_min_over_time: (w) => compareOverTime(w, (cur, best) => cur <= best || Number.isNaN(best), true),
  ts_of_max_over_time: (w) => compareOverTime(w, (cur, best) => cur >= best || Number.isNaN(best), true),
  first_over_time: (w) => w.v[0]!,
  last_over_time: (w) => w.v[w.n - 1]!,
  ts_of_first_over_time: (w) => w.t[0]! / 1000,
  ts_of_last_over_time: (w) => w.t[w.n - 1]! / 1000,
  present_over_time: () => 1,
  stdvar_over_time: (w) => variance(w),
  stddev_over_time: (w) => Math.sqrt(variance(w)),
  quantile_over_time: (w, a) => quantile(a.scalars[0]!, valuesOf(w)),
  mad_over_time: (w) => {
    const vs = valuesOf(w);
    if (vs.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, vs);
    return quantile(0.5, vs.map((v) => Math.abs(v - median)));
  },
  changes: (w) => {
    let n = 0;
    for (let i = 1; i < w.n; i++) if (w.v[i] !== w.v[i - 1] && !(Number.isNaN(w.v[i]!) && Number.isNaN(w.v[i - 1]!))) n++;
    return n;
  },
  resets: (w) => {
    let n = 0;
    for (let i = 1; i < w.n; i++) if (w.v[i]! < w.v[i - 1]!) n++;
    return n;
  },
  deriv: (w) => (w.n < 2 ? undefined : linearRegression(w, w.t[0]!)[0]),
  predict_linear: (w, a) => {
    if (w.n < 2) return undefined;
    const [slope, intercept] = linearRegression(w, a.ts);
    return slope * a.scalars[0]! + intercept;
  },
  double_exponential_smoothing: (w, a) => smoothing(w, a.scalars[0]!, a.scalars[1]!),
};

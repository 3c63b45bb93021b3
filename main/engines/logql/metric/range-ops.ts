/**
 * The range-vector functions, after Loki's range_vector.go: one accumulator per (series, step),
 * fed each sample of its window. Samples of one stream arrive in time order, so a series fed by
 * one stream sees exactly Loki's order (and float rounding); first/last compare timestamps so
 * that streams pushed one after the other still give the right answer.
 */
import type { RangeOp } from '../../../../shared/logql/ast';
// Loki's Quantile is Prometheus' (NaN sorts first, linear interpolation between ranks).
import { quantile } from '../../promql/quantile';

export interface Accumulator {
  add(tsNs: bigint, v: number): void;
  value(): number;
}

export type AccumulatorFactory = () => Accumulator;

/** time.Duration.Seconds(). */
export function durationSecondsNs(ns: number): number {
  const sec = Math.trunc(ns / 1e9);
  return sec + (ns - sec * 1e9) / 1e9;
}


/**
 * Loki's extrapolatedRate (from Prometheus) as Loki runs it: sample times are nanoseconds while
 * the range is subtracted in milliseconds and differences are divided by 1000 — Loki's own unit
 * mix, kept because rate_counter's answers depend on it.
 */
export function extrapolatedRate(ts: bigint[], vs: number[], rangeNs: number): number {
  const n = vs.length;
  if (n < 2) return 0;
  const rangeMs = BigInt(Math.trunc(rangeNs / 1e6));
  const firstT = ts[0]!;
  const lastT = ts[n - 1]!;
  const rangeStart = firstT - rangeMs;
  let result = vs[n - 1]! - vs[0]!;
  let lastValue = 0;
  for (const v of vs) {
    if (v < lastValue) result += lastValue;
    lastValue = v;
  }
  let durationToStart = Number(firstT - rangeStart) / 1000;
  const durationToEnd = 0;
  const sampledInterval = Number(lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);
  if (result > 0 && vs[0]! >= 0) {
    const durationToZero = sampledInterval * (vs[0]! / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageDurationBetweenSamples * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
  result = result * (extrapolateTo / sampledInterval);
  return result / durationSecondsNs(rangeNs);
}

export class Sum implements Accumulator {
  s = 0;
  n = 0;
  constructor(private readonly divisor = 1, private readonly counting = false) {}
  add(_t: bigint, v: number): void {
    this.s += v;
    this.n++;
  }
  /** Another part's sum and count (exact when the values are integers: counts, bytes). */
  merge(s: number, n: number): void {
    this.s += s;
    this.n += n;
  }
  value(): number {
    return (this.counting ? this.n : this.s) / this.divisor;
  }
}

class Avg implements Accumulator {
  mean = 0;
  count = 0;
  add(_t: bigint, v: number): void {
    this.count++;
    if (this.mean === Infinity || this.mean === -Infinity) {
      // Inf of the same sign stays; a finite value cannot change an infinite mean.
      if ((v === Infinity || v === -Infinity) && this.mean > 0 === v > 0) return;
      if (Number.isFinite(v)) return;
    }
    this.mean += v / this.count - this.mean / this.count;
  }
  value(): number {
    return this.mean;
  }
}

class MinMax implements Accumulator {
  v = NaN;
  constructor(private readonly max: boolean) {}
  add(_t: bigint, v: number): void {
    if (Number.isNaN(this.v) || (this.max ? v > this.v : v < this.v)) this.v = v;
  }
  value(): number {
    return this.v;
  }
}

class Welford implements Accumulator {
  aux = 0;
  count = 0;
  mean = 0;
  constructor(private readonly sqrt: boolean) {}
  add(_t: bigint, v: number): void {
    this.count++;
    const delta = v - this.mean;
    this.mean += delta / this.count;
    this.aux += delta * (v - this.mean);
  }
  value(): number {
    const r = this.aux / this.count;
    return this.sqrt ? Math.sqrt(r) : r;
  }
}

class Values implements Accumulator {
  ts: bigint[] = [];
  vs: number[] = [];
  constructor(private readonly finish: (ts: bigint[], vs: number[]) => number) {}
  add(t: bigint, v: number): void {
    const n = this.ts.length;
    // Keep time order when streams interleave (stable for equal times).
    if (n === 0 || this.ts[n - 1]! <= t) {
      this.ts.push(t);
      this.vs.push(v);
      return;
    }
    let i = n;
    while (i > 0 && this.ts[i - 1]! > t) i--;
    this.ts.splice(i, 0, t);
    this.vs.splice(i, 0, v);
  }
  value(): number {
    return this.finish(this.ts, this.vs);
  }
}

class Edge implements Accumulator {
  t: bigint | null = null;
  v = NaN;
  constructor(private readonly last: boolean) {}
  add(t: bigint, v: number): void {
    if (this.t === null || (this.last ? t >= this.t : t < this.t)) {
      this.t = t;
      this.v = v;
    }
  }
  value(): number {
    return this.v;
  }
}

/**
 * Ops whose accumulator is a Sum of integer values (1 a line, or its bytes): integer sums below
 * 2^53 do not depend on order, so per-part sums merge exactly. Float sums (sum_over_time, an
 * unwrapped rate) do not, nor do the other accumulators' states.
 */
export function mergesExactly(op: RangeOp, unwrap: boolean): boolean {
  return op === 'count_over_time' || op === 'absent_over_time' || op === 'bytes_over_time' || op === 'bytes_rate' || (op === 'rate' && !unwrap);
}

/** The accumulator of one range function; `unwrap` switches rate from counting lines to summing values. */
export function accumulatorFor(op: RangeOp, rangeNs: number, unwrap: boolean, param: number | null): AccumulatorFactory {
  const seconds = durationSecondsNs(rangeNs);
  switch (op) {
    case 'count_over_time':
      return () => new Sum(1, true);
    case 'rate':
      return () => new Sum(seconds, !unwrap);
    case 'bytes_rate':
      return () => new Sum(seconds);
    case 'bytes_over_time':
    case 'sum_over_time':
      return () => new Sum();
    case 'avg_over_time':
      return () => new Avg();
    case 'max_over_time':
      return () => new MinMax(true);
    case 'min_over_time':
      return () => new MinMax(false);
    case 'stddev_over_time':
      return () => new Welford(true);
    case 'stdvar_over_time':
      return () => new Welford(false);
    case 'quantile_over_time':
      return () => new Values((_ts, vs) => quantile(param ?? NaN, vs));
    case 'rate_counter':
      return () => new Values((ts, vs) => extrapolatedRate(ts, vs, rangeNs));
    case 'first_over_time':
      return () => new Edge(false);
    case 'last_over_time':
      return () => new Edge(true);
    case 'absent_over_time':
      return () => new Sum(1, true);
  }
}

/**
 * The request parameters of Loki's HTTP API as typed inputs. Times are epoch milliseconds
 * (as everywhere in Vigie) or a string Loki accepts verbatim (RFC 3339, unix seconds, ns);
 * steps are seconds or a Go duration (`30s`). Only what the caller gives is sent, so Loki's
 * own defaults apply to the rest.
 */
import type { Params } from './transport';

export type LokiTime = number | string;
export type LokiStep = number | string;
export type Direction = 'forward' | 'backward';

export interface Opts {
  signal?: AbortSignal;
}

export interface RangeParams {
  start?: LokiTime;
  end?: LokiTime;
}

export interface QueryParams {
  query: string;
  time?: LokiTime;
  limit?: number;
  direction?: Direction;
}

export interface QueryRangeParams extends RangeParams {
  query: string;
  step?: LokiStep;
  /** Log queries only: return one entry per interval. */
  interval?: LokiStep;
  limit?: number;
  direction?: Direction;
}

export interface LabelParams extends RangeParams {
  /** A stream selector restricting the streams looked at. */
  query?: string;
}

export interface SeriesParams extends RangeParams {
  match: string[];
}

export interface VolumeParams extends RangeParams {
  query: string;
  limit?: number;
  targetLabels?: string[];
  aggregateBy?: 'series' | 'labels';
  /** volume_range only. */
  step?: LokiStep;
}

export interface PatternParams extends RangeParams {
  query: string;
  step?: LokiStep;
}

export interface DetectedParams extends RangeParams {
  query: string;
  limit?: number;
  /** detected_fields: how many lines Loki samples. */
  lineLimit?: number;
}

export interface TailParams {
  query: string;
  /** History before now to replay first (default in Loki: 1 h ago). */
  start?: LokiTime;
  limit?: number;
  /** Seconds (0..5) Loki holds entries back to sort late arrivals. */
  delayFor?: number;
}

/** Epoch ms → Loki nanoseconds without losing digits past 2^53. */
export function msToNs(ms: number): string {
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e6);
  return (BigInt(whole) * 1_000_000n + BigInt(frac)).toString();
}

/** Loki's nanosecond timestamp string → epoch ms (fractional when below 1 ms). */
export function nsToMs(ns: string): number {
  const n = BigInt(ns);
  return Number(n / 1_000_000n) + Number(n % 1_000_000n) / 1e6;
}

export const timeParam = (t: LokiTime): string => (typeof t === 'number' ? msToNs(t) : t);
export const stepParam = (s: LokiStep): string => (typeof s === 'number' ? String(s) : s);

/** Collects only the parameters that were given. */
export class ParamList {
  readonly list: Params = [];
  add(name: string, value: string | number | undefined): this {
    if (value !== undefined) this.list.push([name, String(value)]);
    return this;
  }
  time(name: string, t: LokiTime | undefined): this {
    return this.add(name, t === undefined ? undefined : timeParam(t));
  }
  step(name: string, s: LokiStep | undefined): this {
    return this.add(name, s === undefined ? undefined : stepParam(s));
  }
  range(p: RangeParams): this {
    return this.time('start', p.start).time('end', p.end);
  }
}

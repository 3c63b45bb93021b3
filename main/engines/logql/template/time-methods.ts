// Methods of time.Time reachable from a template ({{ __timestamp__.Unix }} style chains, or
// (toDate …).Format "…"). Only the common, argument-light ones are modelled.

import { fn, type GoFunc } from './func-types';
import { civil, formatTime, TIME_STRING_LAYOUT } from './go-time';
import { GoInt, GoTime, type GoValue } from './go-values';

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const t0 = (args: GoValue[]) => args[0] as GoTime;

const METHODS: Record<string, (t: GoTime) => GoFunc> = {
  Unix: (t) => fn([], () => new GoInt(floorDiv(t.ns, 1_000_000_000n), 'int64')),
  UnixMilli: (t) => fn([], () => new GoInt(floorDiv(t.ns, 1_000_000n), 'int64')),
  UnixMicro: (t) => fn([], () => new GoInt(floorDiv(t.ns, 1_000n), 'int64')),
  UnixNano: (t) => fn([], () => new GoInt(t.ns, 'int64')),
  Format: (t) => fn(['string'], (a) => formatTime(t, a[0] as string)),
  String: (t) => fn([], () => formatTime(t, TIME_STRING_LAYOUT)),
  UTC: (t) => fn([], () => new GoTime(t.ns, 0, 'UTC')),
  Local: (t) => fn([], () => new GoTime(t.ns, 0, 'UTC')),
  Year: (t) => fn([], () => new GoInt(BigInt(civil(t).year))),
  YearDay: (t) => fn([], () => new GoInt(BigInt(civil(t).yday))),
  Day: (t) => fn([], () => new GoInt(BigInt(civil(t).day))),
  Hour: (t) => fn([], () => new GoInt(BigInt(civil(t).hour))),
  Minute: (t) => fn([], () => new GoInt(BigInt(civil(t).min))),
  Second: (t) => fn([], () => new GoInt(BigInt(civil(t).sec))),
  Nanosecond: (t) => fn([], () => new GoInt(BigInt(civil(t).nsec))),
  IsZero: (t) => fn([], () => t.ns === -62135596800n * 1_000_000_000n),
  Equal: (t) => fn(['time.Time'], (a) => t0(a).ns === t.ns),
  Before: (t) => fn(['time.Time'], (a) => t.ns < t0(a).ns),
  After: (t) => fn(['time.Time'], (a) => t.ns > t0(a).ns),
};

export function timeMethod(receiver: GoValue, name: string): GoFunc | undefined {
  if (!(receiver instanceof GoTime) || !Object.prototype.hasOwnProperty.call(METHODS, name)) return undefined;
  return METHODS[name]!(receiver);
}

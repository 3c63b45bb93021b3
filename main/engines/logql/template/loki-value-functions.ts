// Loki's numeric, time and value functions: sprig's lenient maths (int64 / decimal float),
// Go time layouts for date/toDate/toDateInZone, bytes/duration converters, default, fromJson,
// and the per-entry __line__ / __timestamp__.

import { FuncError, fn, type FuncMap } from './func-types';
import { numError, parseFloat64, parseInt64 } from './go-numbers';
import { formatTime, resolveZone, timeInZone } from './go-time';
import { parseDuration, parseTime, ZERO_TIME } from './go-time-parse';
import { GoFloat, GoInt, GoMap, GoSlice, GoTime, isTrue, wrapInt, type GoValue } from './go-values';
import { decimalOp, round, toFloat64, toInt64 } from './sprig-numeric';
import { utf8Length } from './utf8';

const NS = 1_000_000_000n;
const i64 = (v: bigint) => new GoInt(wrapInt(v, 'int64'), 'int64');
const f64 = (v: number) => new GoFloat(v);
const UTC = resolveZone('UTC')!;
const unixTime = (sec: bigint, nsec = 0n) => timeInZone(sec * NS + nsec, UTC); // Loki's Local is UTC

function intDiv(a: bigint, b: bigint, mod: boolean): bigint {
  if (b === 0n) throw new FuncError('runtime error: integer divide by zero');
  if (b === -1n) return mod ? 0n : BigInt.asIntN(64, -a);
  return mod ? a % b : a / b;
}

/** humanize.ParseBytes. */
function parseBytes(s: string): number {
  let last = 0;
  let hasComma = false;
  for (const ch of s) {
    if (!/[\p{Nd}.,]/u.test(ch)) break;
    if (ch === ',') hasComma = true;
    last++;
  }
  let numPart = s.slice(0, last);
  if (hasComma) numPart = numPart.replace(/,/g, '');
  const f = parseFloat64(numPart);
  if (!f.ok) throw new FuncError(numError('ParseFloat', numPart, f.error));
  const extra = s.slice(last).trim().toLowerCase();
  const units: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, ki: 2 ** 10, kib: 2 ** 10, m: 1e6, mb: 1e6, mi: 2 ** 20, mib: 2 ** 20, g: 1e9, gb: 1e9, gi: 2 ** 30, gib: 2 ** 30, t: 1e12, tb: 1e12, ti: 2 ** 40, tib: 2 ** 40, p: 1e15, pb: 1e15, pi: 2 ** 50, pib: 2 ** 50, e: 1e18, eb: 1e18, ei: 2 ** 60, eib: 2 ** 60 };
  const m = units[extra];
  if (m === undefined || !Object.prototype.hasOwnProperty.call(units, extra)) throw new FuncError(`unhandled size name: ${extra}`);
  const v = f.value * m;
  if (v >= 2 ** 64) throw new FuncError(`too large: ${s}`);
  return Math.trunc(v);
}

function durationSeconds(s: string): number {
  const d = parseDuration(s);
  if (!d.ok) throw new FuncError(d.error);
  const sec = Math.trunc(d.ns / 1e9);
  return sec + (d.ns - sec * 1e9) / 1e9;
}

/** sprig's empty(): zero values, empty strings/maps/slices, nil. */
function empty(v: GoValue): boolean {
  return v instanceof GoTime ? false : !isTrue(v);
}

function fromJson(s: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return undefined;
  }
  const conv = (x: unknown): GoValue => {
    if (x === null) return undefined;
    if (typeof x === 'number') return f64(x);
    if (typeof x === 'string' || typeof x === 'boolean') return x;
    if (Array.isArray(x)) return new GoSlice(x.map(conv));
    return new GoMap(new Map(Object.entries(x as object).map(([k, v]) => [k, conv(v)])), 'interface {}');
  };
  return conv(parsed);
}

function unixToTime(epoch: string): GoTime {
  const r = parseInt64(epoch, false);
  if (!r.ok) throw new FuncError(`unable to parse time '${epoch}': ${numError('ParseInt', epoch, r.error)}`);
  switch (utf8Length(epoch)) {
    case 5: return unixTime(r.value * 86400n);
    case 10: return unixTime(r.value);
    case 13: return unixTime(0n, r.value * 1_000_000n);
    case 16: return unixTime(0n, r.value * 1_000n);
    case 19: return unixTime(0n, r.value);
  }
  throw new FuncError(`unable to parse time '${epoch}': %!w(<nil>)`);
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export const LOKI_VALUE_FUNCTIONS: FuncMap = {
  int: fn(['any'], (a) => new GoInt(toInt64(a[0]))),
  float64: fn(['any'], (a) => f64(toFloat64(a[0]))),
  add: fn([], (a) => i64(a.reduce<bigint>((s, x) => s + toInt64(x), 0n)), 'any'),
  sub: fn(['any', 'any'], (a) => i64(toInt64(a[0]) - toInt64(a[1]))),
  mul: fn(['any'], (a) => i64(a.slice(1).reduce<bigint>((p, x) => BigInt.asIntN(64, p * toInt64(x)), toInt64(a[0]))), 'any'),
  div: fn(['any', 'any'], (a) => i64(intDiv(toInt64(a[0]), toInt64(a[1]), false))),
  mod: fn(['any', 'any'], (a) => i64(intDiv(toInt64(a[0]), toInt64(a[1]), true))),
  addf: fn([], (a) => f64(decimalOp(0, a, 'add')), 'any'),
  subf: fn(['any'], (a) => f64(decimalOp(a[0], a.slice(1), 'sub')), 'any'),
  mulf: fn(['any'], (a) => f64(decimalOp(a[0], a.slice(1), 'mul')), 'any'),
  divf: fn(['any'], (a) => f64(decimalOp(a[0], a.slice(1), 'div')), 'any'),
  max: fn(['any'], (a) => i64(a.slice(1).reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a[0]))), 'any'),
  min: fn(['any'], (a) => i64(a.slice(1).reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a[0]))), 'any'),
  maxf: fn(['any'], (a) => f64(a.slice(1).reduce((m, x) => goMax(m, toFloat64(x)), toFloat64(a[0]))), 'any'),
  minf: fn(['any'], (a) => f64(a.slice(1).reduce((m, x) => goMin(m, toFloat64(x)), toFloat64(a[0]))), 'any'),
  ceil: fn(['any'], (a) => f64(Math.ceil(toFloat64(a[0])))),
  floor: fn(['any'], (a) => f64(Math.floor(toFloat64(a[0])))),
  round: fn(['any', 'int'], (a) => f64(round(a[0], Number((a[1] as GoInt).v), a.length > 2 ? (a[2] as GoFloat).v : 0.5)), 'float64'),
  fromJson: fn(['string'], (a) => fromJson(a[0] as string)),
  default: fn(['any'], (a) => (a.length < 2 || empty(a[1]) ? a[0] : a[1]), 'any'),
  date: fn(['string', 'any'], (a, ctx) => {
    const d = a[1];
    const t = d instanceof GoTime ? d : d instanceof GoInt && (d.type === 'int' || d.type === 'int64' || d.type === 'int32') ? unixTime(d.v) : nowTime(ctx.nowMs());
    return formatTime(timeInZone(t.ns, UTC), a[0] as string);
  }),
  toDate: fn(['string', 'string'], (a) => parseTime(a[0] as string, a[1] as string, UTC) ?? ZERO_TIME),
  toDateInZone: fn(['string', 'string', 'string'], (a) => parseTime(a[0] as string, a[2] as string, resolveZone(a[1] as string) ?? UTC) ?? ZERO_TIME),
  now: fn([], (_a, ctx) => nowTime(ctx.nowMs())),
  unixEpoch: fn(['time.Time'], (a) => String(floorDiv((a[0] as GoTime).ns, NS))),
  unixEpochMillis: fn(['time.Time'], (a) => String(floorDiv((a[0] as GoTime).ns, 1_000_000n))),
  unixEpochNanos: fn(['time.Time'], (a) => String((a[0] as GoTime).ns)),
  unixToTime: fn(['string'], (a) => unixToTime(a[0] as string)),
  bytes: fn(['string'], (a) => f64(parseBytes(a[0] as string))),
  duration: fn(['string'], (a) => f64(durationSeconds(a[0] as string))),
  duration_seconds: fn(['string'], (a) => f64(durationSeconds(a[0] as string))),
  __line__: fn([], (_a, ctx) => ctx.line),
  __timestamp__: fn([], (_a, ctx) => unixTime(0n, ctx.timestampNs)),
};

function nowTime(ms: number): GoTime {
  return unixTime(0n, BigInt(Math.round(ms)) * 1_000_000n);
}
// math.Max / math.Min: NaN wins, and +0 beats -0 in Max.
function goMax(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return Math.max(x, y);
}
function goMin(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return Math.min(x, y);
}

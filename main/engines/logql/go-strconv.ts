/**
 * Go's number, duration and size parsing as Loki's label filters use them (strconv.ParseFloat,
 * time.ParseDuration, go-humanize ParseBytes), with Go's exact error texts: those texts become
 * `__error_details__` values that users filter and print.
 */

/** strconv.Quote, shared with the LogQL printer and the template engine. */
export { quoteGo as goQuote } from '../../../shared/logql/go-strings';
import { quoteGo as goQuote } from '../../../shared/logql/go-strings';

export type GoParse<T> = { ok: true; value: T } | { ok: false; error: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))[pP]([+-]?\d+)$/;
const SPECIAL = /^(?:[+-]?(?:inf|infinity)|nan)$/i;

/** strconv.ParseFloat(s, 64). */
export function goParseFloat(s: string): GoParse<number> {
  // Plain integers (status codes, counts) are most of what numeric filters see: up to 15
  // digits is exact in a double, with no regex to run.
  const n = s.length;
  if (n > 0 && n <= 15) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === n) return { ok: true, value: v };
  }
  const fn = 'strconv.ParseFloat';
  if (SPECIAL.test(s)) {
    const lower = s.toLowerCase();
    return { ok: true, value: lower === 'nan' ? NaN : lower.startsWith('-') ? -Infinity : Infinity };
  }
  let value: number;
  if (DECIMAL.test(s)) value = Number(s);
  else {
    const hex = HEX.exec(s);
    if (!hex) return { ok: false, error: `${fn}: parsing ${goQuote(s)}: invalid syntax` };
    const [int = '', frac = ''] = hex[2]!.split('.');
    let mantissa = 0;
    for (const d of int + frac) mantissa = mantissa * 16 + parseInt(d, 16);
    value = mantissa * Math.pow(2, Number(hex[3]) - 4 * frac.length) * (hex[1] === '-' ? -1 : 1);
  }
  if (!Number.isFinite(value)) return { ok: false, error: `${fn}: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value };
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const MAX_DURATION = 2 ** 63;

/** time.ParseDuration, in nanoseconds. */
export function goParseDuration(input: string): GoParse<number> {
  const invalid = { ok: false as const, error: `time: invalid duration ${goQuote(input)}` };
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid;
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const intPart = num[1]!;
    const fracPart = num[2];
    if (intPart === '' && (fracPart === undefined || fracPart === '')) return invalid;
    s = s.slice(num[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') return { ok: false, error: `time: missing unit in duration ${goQuote(input)}` };
    const unit = UNITS[unitMatch];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${goQuote(unitMatch)} in duration ${goQuote(input)}` };
    s = s.slice(unitMatch.length);
    let v = intPart === '' ? 0 : Number(intPart) * unit;
    if (fracPart) v += Math.floor(Number('0.' + fracPart) * unit);
    if (v >= MAX_DURATION) return invalid;
    total += v;
    if (total > MAX_DURATION || (!neg && total === MAX_DURATION)) return invalid;
  }
  return { ok: true, value: neg ? -total : total };
}

const SIZES: Record<string, number> = {
  b: 1,
  '': 1,
  kib: 1024,
  ki: 1024,
  kb: 1000,
  k: 1000,
  mib: 1024 ** 2,
  mi: 1024 ** 2,
  mb: 1e6,
  m: 1e6,
  gib: 1024 ** 3,
  gi: 1024 ** 3,
  gb: 1e9,
  g: 1e9,
  tib: 1024 ** 4,
  ti: 1024 ** 4,
  tb: 1e12,
  t: 1e12,
  pib: 1024 ** 5,
  pi: 1024 ** 5,
  pb: 1e15,
  p: 1e15,
  eib: 1024 ** 6,
  ei: 1024 ** 6,
  eb: 1e18,
  e: 1e18,
};

/** go-humanize ParseBytes, as a float of whole bytes (uint64 truncation). */
export function goParseBytes(s: string): GoParse<number> {
  let end = 0;
  while (end < s.length && /[0-9.,]/.test(s[end]!)) end++;
  const num = s.slice(0, end).replace(/,/g, '');
  const f = goParseFloat(num);
  if (!f.ok) return f;
  const extra = s.slice(end).trim().toLowerCase();
  const mult = SIZES[extra];
  if (mult === undefined) return { ok: false, error: `unhandled size name: ${extra}` };
  const v = f.value * mult;
  if (v >= 2 ** 64) return { ok: false, error: `too large: ${s}` };
  return { ok: true, value: Math.trunc(v) };
}

/**
 * humanize.Bytes (base 1000, one decimal under 10): how Loki prints a bytes label filter when
 * its query frontend re-serialises the query for the querier. The querier parses that text back,
 * so `size < 1KiB` really compares with 1000 and `size == 2048B` with 2000, as Loki answers.
 */
export function humanizeBytes(v: number): string {
  if (v < 10) return `${v} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(v) / Math.log(1000));
  const val = Math.floor((v / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : val.toFixed(0)} ${sizes[e] ?? 'B'}`;
}

/** The bytes value a Loki querier ends up comparing with, after the frontend's round trip. */
export function bytesFilterValue(v: number): number {
  const back = goParseBytes(humanizeBytes(v).replace(/\s/g, ''));
  return back.ok ? back.value : v;
}

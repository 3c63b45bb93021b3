// The numeric side of sprig as Loki exposes it: spf13/cast's lenient conversions (an
// unparsable string is 0, "12.7" is 12, "0x1F" is 31, "010" is 8) and shopspring/decimal
// arithmetic behind addf/subf/mulf/divf (exact decimal maths, division to 16 places).

import { FuncError } from './func-types';
import { sprintValue } from './go-fmt';
import { parseFloat64, parseInt64 } from './go-numbers';
import { GoFloat, GoInt, isUnsigned, type GoValue } from './go-values';

const STRING_NUMBER = /^([-+]?\d*)(\.\d*)?$/;

function trimDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const m = STRING_NUMBER.exec(s);
  if (!m) return s;
  const i = m[1]!;
  return i === '-' || i === '+' ? i + '0' : i === '' ? '0' : i;
}

/** cast.ToInt64 (and ToInt: Go's int is 64-bit). */
export function toInt64(v: GoValue): bigint {
  if (v instanceof GoInt) return isUnsigned(v.type) ? BigInt.asIntN(64, v.v) : v.v;
  if (v instanceof GoFloat) return Number.isFinite(v.v) ? BigInt.asIntN(64, BigInt(Math.trunc(v.v))) : -(1n << 63n);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    if (v === '') return 0n;
    const r = parseInt64(trimDecimal(v));
    return r.ok ? r.value : 0n;
  }
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoFloat) return v.v;
  if (v instanceof GoInt) return Number(v.v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (v === '') return 0;
    const r = parseFloat64(v);
    return r.ok ? r.value : 0;
  }
  return 0;
}

/** A decimal m × 10^e (shopspring/decimal). */
interface Decimal {
  m: bigint;
  e: number;
}

function fromFloat(x: number): Decimal {
  if (!Number.isFinite(x)) throw new FuncError(`Cannot create a Decimal from ${sprintValue(new GoFloat(x))}`);
  if (x === 0) return { m: 0n, e: 0 };
  // The shortest decimal that round-trips, as NewFromFloat computes it.
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const frac = mant.includes('.') ? mant.split('.')[1]!.length : 0;
  return { m: BigInt(digits), e: Number(exp) - frac };
}

const pow10 = (n: number) => 10n ** BigInt(n);

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * pow10(a.e - e), b.m * pow10(b.e - e), e];
}

const add = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, e] = align(a, b);
  return { m: x + y, e };
};
const sub = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, e] = align(a, b);
  return { m: x - y, e };
};
const mul = (a: Decimal, b: Decimal): Decimal => ({ m: a.m * b.m, e: a.e + b.e });

/** Decimal.Div: DivRound to 16 places, half away from zero. */
function div(a: Decimal, b: Decimal): Decimal {
  if (b.m === 0n) throw new FuncError('decimal division by 0');
  const P = 16;
  const k = a.e - b.e + P;
  let num = a.m;
  let den = b.m;
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  let q = num / den;
  const r = num - q * den;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { m: q, e: -P };
}

const toNumber = (d: Decimal): number => Number(`${d.m}e${d.e}`);

export type DecimalOp = 'add' | 'sub' | 'mul' | 'div';
const OPS: Record<DecimalOp, (a: Decimal, b: Decimal) => Decimal> = { add, sub, mul, div };

/** sprig's execDecimalOp: fold the operation over float64 conversions of the arguments. */
export function decimalOp(first: GoValue | number, rest: GoValue[], op: DecimalOp): number {
  let acc = fromFloat(typeof first === 'number' ? first : toFloat64(first));
  for (const x of rest) acc = OPS[op](acc, fromFloat(toFloat64(x)));
  return toNumber(acc);
}

/** sprig's round(a, places, roundOn=.5). */
export function round(a: GoValue, places: number, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = Math.pow(10, places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

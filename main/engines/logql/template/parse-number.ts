// parse.newNumber: what kinds (int, uint, float, complex) a number literal has, following
// Go's rules ('a' is an int, 1e9 is an int too, 0x_1p-4 only a float), or Go's error text.

import { parseFloat64, parseInt64, parseUint } from './go-numbers';
import { quote, unquoteChar } from './go-strconv';
import type { ItemType } from './lexer';
import type { NumberValue } from './nodes';

/** parse.newNumber: the number's kinds and values, or Go's error text. */
export function newNumber(text: string, typ: ItemType): NumberValue | string {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0, complex: [0, 0], text };
  if (typ === 'charConstant') {
    const r = unquoteChar(text, 1, "'");
    if (!r) return 'invalid syntax';
    if (text.slice(r[1]) !== "'") return `malformed character constant: ${text}`;
    const cp = r[0];
    return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(cp), uint64: BigInt(cp), float64: cp };
  }
  const simplify = (re: number, im: number): NumberValue => {
    const c: NumberValue = { ...n, isComplex: true, complex: [re, im] };
    if (im === 0) {
      c.isFloat = true;
      c.float64 = re;
      if (Number.isInteger(re) && Math.abs(re) < 2 ** 63) {
        c.isInt = true;
        c.int64 = BigInt(re);
      }
      if (Number.isInteger(re) && re >= 0 && re < 2 ** 64) {
        c.isUint = true;
        c.uint64 = BigInt(re);
      }
    }
    return c;
  };
  if (typ === 'complex') {
    const m = /^(.+?)([+-][^+-]*)i$/.exec(text);
    const re = m ? parseFloat64(m[1]!) : undefined;
    const im = m ? parseFloat64(m[2]!) : undefined;
    if (!re?.ok || !im?.ok) return `illegal number syntax: ${quote(text)}`;
    return simplify(re.value, im.value);
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (f.ok) return simplify(0, f.value);
  }
  const u = parseUint(text);
  if (u.ok) {
    n.isUint = true;
    n.uint64 = u.value;
  }
  const i = parseInt64(text);
  if (i.ok) {
    n.isInt = true;
    n.int64 = i.value;
    if (i.value === 0n) {
      n.isUint = true;
      n.uint64 = u.ok ? u.value : 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f.ok) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${quote(text)}`;
      n.isFloat = true;
      n.float64 = f.value;
      if (Number.isInteger(f.value) && Math.abs(f.value) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f.value);
      }
      if (Number.isInteger(f.value) && f.value >= 0 && f.value < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f.value);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${quote(text)}`;
  return n;
}

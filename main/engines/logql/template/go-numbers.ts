// strconv.ParseInt/ParseUint (base 0: 0x, 0o, 0b, leading-0 octal, underscores) and
// strconv.ParseFloat, with Go's error texts. Used for template number literals and for
// spf13/cast conversions behind sprig's int/float functions.

import { quote } from './go-strconv';

export type NumResult<T> = { ok: true; value: T } | { ok: false; error: 'syntax' | 'range' };

export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1]!.toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const lc = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const MAX_U64 = (1n << 64n) - 1n;

/** strconv.ParseUint(s, base, 64) for base 0 or 10. */
export function parseUint(s: string, base0 = true): NumResult<bigint> {
  const s0 = s;
  if (s === '') return { ok: false, error: 'syntax' };
  let base = 10;
  if (base0 && s[0] === '0') {
    if (s.length >= 3 && 'box'.includes(s[1]!.toLowerCase())) {
      base = s[1]!.toLowerCase() === 'b' ? 2 : s[1]!.toLowerCase() === 'o' ? 8 : 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_' && base0) {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return { ok: false, error: 'syntax' };
    n = n * b + BigInt(d);
  }
  if (underscores && !underscoreOK(s0)) return { ok: false, error: 'syntax' };
  if (n > MAX_U64) return { ok: false, error: 'range' };
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, base, 64) for base 0 or 10. */
export function parseInt64(s: string, base0 = true): NumResult<bigint> {
  if (s === '') return { ok: false, error: 'syntax' };
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint(body, base0);
  if (!u.ok) return u;
  const v = neg ? -u.value : u.value;
  if (v > (1n << 63n) - 1n || v < -(1n << 63n)) return { ok: false, error: 'range' };
  return { ok: true, value: v };
}

const DEC_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;

/** strconv.ParseFloat(s, 64). */
export function parseFloat64(s: string): NumResult<number> {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return { ok: true, value: special[1] === '-' ? -Infinity : Infinity };
  if (/^nan$/i.test(s)) return { ok: true, value: NaN };
  let t = s;
  if (t.includes('_')) {
    if (!underscoreOK(t)) return { ok: false, error: 'syntax' };
    t = t.replace(/_/g, '');
  }
  let v: number;
  if (DEC_FLOAT.test(t)) v = Number(t);
  else {
    const m = HEX_FLOAT.exec(t);
    if (!m || (m[2] === '' && m[3] === '')) return { ok: false, error: 'syntax' };
    const mant = BigInt('0x' + (m[2]! + m[3]! || '0'));
    v = Number(mant) * Math.pow(2, Number(m[4]) - 4 * m[3]!.length);
    if (m[1] === '-') v = -v;
  }
  if (!Number.isFinite(v)) return { ok: false, error: 'range' };
  return { ok: true, value: v };
}

export function numError(fn: 'ParseInt' | 'ParseUint' | 'ParseFloat', s: string, err: 'syntax' | 'range'): string {
  return `strconv.${fn}: parsing ${quote(s)}: ${err === 'syntax' ? 'invalid syntax' : 'value out of range'}`;
}

// Go's fmt for the values templates produce: Sprint/Sprintln (print, println, and how an
// action prints its value) and Sprintf with the verbs, flags, width and precision people
// use in line_format, including Go's in-band error strings (%!d(string=x), %!s(MISSING)…).

import { formatFloat } from './go-float';
import { quote, quoteRune } from './go-strconv';
import { formatTime, TIME_STRING_LAYOUT } from './go-time';
import { GoComplex, GoDataMap, GoFloat, GoInt, GoMap, GoSlice, GoTime, goTypeName, isUnsigned, type GoValue } from './go-values';
import { utf8Encode } from './utf8';

/** %v of one value, as fmt.Sprint prints it (nil prints "<nil>"). */
export function sprintValue(v: GoValue): string {
  if (typeof v === 'string') return v;
  return formatVerb(v, 'v', NO_FLAGS);
}

export function sprint(args: readonly GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    // Spaces are added between operands when neither is a string.
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  }
  return out;
}

export function sprintln(args: readonly GoValue[]): string {
  return args.map(sprintValue).join(' ') + '\n';
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
}
const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, f: Flags): string {
  if (f.wid === undefined) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

function badVerb(verb: string, v: GoValue): string {
  if (v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${sprintValue(v)})`;
}

function fmtInteger(v: bigint, unsigned: boolean, verb: string, f: Flags): string {
  const neg = !unsigned && v < 0n;
  const abs = neg ? -v : v;
  const base = verb === 'x' || verb === 'X' ? 16 : verb === 'o' || verb === 'O' ? 8 : verb === 'b' ? 2 : 10;
  let digits = abs.toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (f.prec !== undefined) {
    if (f.prec === 0 && v === 0n) return pad('', { ...f, zero: false });
    digits = digits.padStart(f.prec, '0');
  } else if (f.zero && !f.minus && f.wid !== undefined) {
    // Zero padding is done like a precision, leaving room for the sign only.
    digits = digits.padStart(neg || f.plus || f.space ? f.wid - 1 : f.wid, '0');
  }
  let prefix = '';
  if (f.sharp) {
    if (base === 16) prefix = verb === 'X' ? '0X' : '0x';
    else if (base === 2) prefix = '0b';
    else if (base === 8 && !digits.startsWith('0')) prefix = '0';
  }
  if (verb === 'O') prefix = '0o';
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, { ...f, zero: false });
}

function fmtFloatVerb(x: number, verb: string, f: Flags): string {
  const map: Record<string, ['e' | 'E' | 'f' | 'g' | 'G', number]> = {
    v: ['g', -1], e: ['e', 6], E: ['E', 6], f: ['f', 6], F: ['f', 6], g: ['g', -1], G: ['G', -1],
  };
  const [fc, defPrec] = map[verb]!;
  let num = formatFloat(x, fc, f.prec ?? defPrec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length) {
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
    case 's':
      if (f.prec !== undefined) s = Array.from(s).slice(0, f.prec).join('');
      return pad(s, f);
    case 'q':
      if (f.prec !== undefined) s = Array.from(s).slice(0, f.prec).join('');
      if (f.sharp && !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)) return pad('`' + s + '`', f);
      return pad(quote(s, f.plus), f);
    case 'x':
    case 'X': {
      let bytes = utf8Encode(s);
      if (f.prec !== undefined) bytes = bytes.subarray(0, f.prec);
      const parts: string[] = [];
      for (const b of bytes) {
        let h = b.toString(16).padStart(2, '0');
        if (verb === 'X') h = h.toUpperCase();
        if (f.sharp && (f.space || parts.length === 0)) h = (verb === 'X' ? '0X' : '0x') + h;
        parts.push(h);
      }
      return pad(parts.join(f.space ? ' ' : ''), f);
    }
  }
  return badVerb(verb, s);
}

function fmtComplex(c: GoComplex, verb: string, f: Flags): string {
  const re = fmtFloatVerb(c.re, verb, { ...f, wid: undefined });
  const im = fmtFloatVerb(c.im, verb, { ...f, plus: true, wid: undefined });
  return pad(`(${re}${im}i)`, f);
}

function formatVerb(v: GoValue, verb: string, f: Flags): string {
  if (verb === 'T') return pad(v === undefined ? '<nil>' : goTypeName(v), f);
  if (v === undefined) return verb === 'v' ? pad('<nil>', f) : badVerb(verb, v);
  if (typeof v === 'string') return fmtString(v, verb, f);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), f) : badVerb(verb, v);
  if (v instanceof GoInt) {
    const uns = isUnsigned(v.type);
    switch (verb) {
      case 'v':
      case 'd':
        if (verb === 'v' && f.sharp && uns) return fmtInteger(v.v, uns, 'x', { ...f, sharp: true });
        return fmtInteger(v.v, uns, 'd', f);
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return fmtInteger(v.v, uns, verb, f);
      case 'c':
        return pad(String.fromCodePoint(validRune(v.v)), f);
      case 'q':
        return pad(quoteRune(validRune(v.v), f.plus), f);
      case 'U': {
        const cp = v.v;
        let s = 'U+' + (cp < 0n ? BigInt.asUintN(64, cp) : cp).toString(16).toUpperCase().padStart(4, '0');
        if (f.sharp && cp >= 0n && cp <= 0x10ffffn) s += ` '${String.fromCodePoint(Number(cp))}'`;
        return pad(s, f);
      }
    }
    return badVerb(verb, v);
  }
  if (v instanceof GoFloat) {
    if ('veEfFgG'.includes(verb)) return fmtFloatVerb(v.v, verb, f);
    return badVerb(verb, v);
  }
  if (v instanceof GoComplex) {
    if ('veEfFgG'.includes(verb)) return fmtComplex(v, verb, f);
    return badVerb(verb, v);
  }
  if (v instanceof GoTime) {
    // time.Time is a fmt.Stringer: %v %s %q %x %X go through String().
    const s = formatTime(v, TIME_STRING_LAYOUT);
    if ('vsqxX'.includes(verb)) return fmtString(s, verb === 'v' ? 's' : verb, f);
    return badVerb(verb, v);
  }
  if (v instanceof GoSlice) return pad('[' + v.items.map((x) => formatVerb(x, verb, NO_FLAGS)).join(' ') + ']', f);
  const keys = v instanceof GoDataMap ? v.keys() : [...v.entries.keys()];
  keys.sort();
  const get = (k: string): GoValue => (v instanceof GoDataMap ? v.get(k) : (v as GoMap).entries.get(k));
  return pad('map[' + keys.map((k) => `${formatVerb(k, verb, NO_FLAGS)}:${formatVerb(get(k), verb, NO_FLAGS)}`).join(' ') + ']', f);
}

function validRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return 0xfffd;
  return Number(v);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  for (let i = 0; i < end; ) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#': f.sharp = true; break;
        case '0': f.zero = true; break;
        case '+': f.plus = true; break;
        case '-': f.minus = true; break;
        case ' ': f.space = true; break;
        default: break flags;
      }
    }
    // Argument index [n], width (or *), precision (or .*).
    const argIndex = (): boolean => {
      if (format[i] !== '[') return true;
      reordered = true;
      const close = format.indexOf(']', i);
      const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
      if (!Number.isInteger(n) || n < 1 || n > args.length) {
        i = close < 0 ? end : close + 1;
        return false;
      }
      argNum = n - 1;
      i = close + 1;
      return true;
    };
    let goodArgNum = argIndex();
    const readStar = (): number | 'bad' => {
      i++;
      const a = args[argNum++];
      if (!(a instanceof GoInt)) return 'bad';
      const n = Number(a.v);
      return Math.abs(n) > 1e6 ? 'bad' : n;
    };
    if (format[i] === '*') {
      const w = readStar();
      if (w === 'bad') out += '%!(BADWIDTH)';
      else {
        f.wid = Math.abs(w);
        if (w < 0) f.minus = true;
      }
      goodArgNum = goodArgNum && argIndex();
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.wid = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      goodArgNum = goodArgNum && argIndex();
      if (format[i] === '*') {
        const p = readStar();
        if (p === 'bad' || p < 0) {
          out += '%!(BADPREC)';
          f.prec = undefined;
        } else f.prec = p;
        goodArgNum = goodArgNum && argIndex();
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    if (f.minus) f.zero = false; // zero padding only to the left
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    out += formatVerb(arg, verb === 'w' ? 'v' : verb, f);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === undefined ? '<nil>' : `${goTypeName(a)}=${sprintValue(a)}`)).join(', ') + ')';
  }
  return out;
}

// strconv.FormatFloat(x, 'e'|'f'|'g', prec, 64) with Go's rounding: shortest digits come
// from JS (both produce the shortest round-tripping digits); fixed precisions are rounded
// half-to-even on the exact binary value, as Go does (JS's toFixed rounds ties up).

interface Digits {
  d: string; // significant digits, no leading zeros ("" for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function exactDigits(x: number): Digits {
  f64[0] = x;
  const bits = u64[0]!;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (mant === 0n) return { d: '', dp: 0 };
  let d: string;
  let dp: number;
  if (exp >= 0) {
    d = (mant << BigInt(exp)).toString();
    dp = d.length;
  } else {
    d = (mant * 5n ** BigInt(-exp)).toString();
    dp = d.length + exp;
  }
  return { d: d.replace(/0+$/, ''), dp };
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const d = m.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

/** Round to nd significant digits, half to even (the digits are exact). */
function roundTo(g: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: g.dp };
  if (g.d.length <= nd) return g;
  const next = g.d.charCodeAt(nd) - 48;
  const restNonZero = /[1-9]/.test(g.d.slice(nd + 1));
  const prevOdd = nd > 0 && (g.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (restNonZero || prevOdd));
  let d = g.d.slice(0, nd);
  let dp = g.dp;
  if (up) {
    const arr = d.split('');
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      d = '1' + arr.join('');
      dp++;
    } else {
      arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
      d = arr.join('');
    }
  }
  return { d: d.replace(/0+$/, ''), dp };
}

function digitAt(g: Digits, i: number): string {
  return i >= 0 && i < g.d.length ? g.d[i]! : '0';
}

function fmtE(g: Digits, prec: number, e: string): string {
  let s = g.d.length ? g.d[0]! : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(g, i);
  }
  const exp = g.d.length ? g.dp - 1 : 0;
  const a = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

function fmtF(g: Digits, prec: number): string {
  let s = '';
  if (g.dp > 0) for (let i = 0; i < g.dp; i++) s += digitAt(g, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(g, g.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? '-' : '';
  const shortest = prec < 0;
  let g: Digits;
  if (shortest) {
    g = shortestDigits(x);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(g.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(g.d.length - g.dp, 0);
    else prec = g.d.length;
  } else {
    const exact = exactDigits(Math.abs(x));
    if (fmt === 'e' || fmt === 'E') g = roundTo(exact, prec + 1);
    else if (fmt === 'f') g = roundTo(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      g = roundTo(exact, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return sign + fmtE(g, prec, fmt);
  if (fmt === 'f') return sign + fmtF(g, prec);
  let eprec = prec;
  const nd = g.d.length;
  if (eprec > nd && nd >= g.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = nd ? g.dp - 1 : 0;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return sign + fmtE(g, Math.max(prec - 1, 0), fmt === 'g' ? 'e' : 'E');
  }
  if (prec > g.dp) prec = nd;
  return sign + fmtF(g, Math.max(prec - g.dp, 0));
}

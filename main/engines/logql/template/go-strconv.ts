// Go's strconv quoting: Quote/QuoteRune (for %q, error messages, node printing) and
// Unquote/UnquoteChar (for the template's string and character literals).

import { isGoPrint, quoteGo, quoteRuneGo } from '../../../../shared/logql/go-strings';

export const isPrint = isGoPrint;
/** strconv.Quote (asciiOnly: strconv.QuoteToASCII, for %+q). */
export const quote = quoteGo;
export const quoteRune = quoteRuneGo;

export type UnquoteResult = { ok: true; value: string } | { ok: false };

/** strconv.UnquoteChar: one (possibly escaped) character at s[i]; [value, nextIndex, isByte]. */
export function unquoteChar(s: string, i: number, q: string): [number, number, boolean] | undefined {
  const c = s.codePointAt(i);
  if (c === undefined) return undefined;
  if (c === q.charCodeAt(0) && (q === "'" || q === '"')) return undefined;
  if (c !== 0x5c) return [c, i + (c > 0xffff ? 2 : 1), false];
  const e = s[i + 1];
  if (e === undefined) return undefined;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (e in simple) return [simple[e]!, i + 2, false];
  if (e === "'" || e === '"') return e === q ? [e.charCodeAt(0), i + 2, false] : undefined;
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = s.slice(i + 2, i + 2 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = parseInt(hex, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
    return [v, i + 2 + n, e === 'x'];
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    return [v, i + 4, true];
  }
  return undefined;
}

/** strconv.Unquote for "…", `…` and '…' literals. Bytes from \x/\ooo escapes join as UTF-8. */
export function unquote(lit: string): UnquoteResult {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) return { ok: false };
  const body = lit.slice(1, -1);
  if (q === '`') return body.includes('`') ? { ok: false } : { ok: true, value: body.replace(/\r/g, '') };
  if (q !== '"' && q !== "'") return { ok: false };
  if (q === '"' && body.includes('\n')) return { ok: false };
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) {
      out += bytesToString(bytes);
      bytes.length = 0;
    }
  };
  let count = 0;
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, q);
    if (!r) return { ok: false };
    const [v, next, isByte] = r;
    if (isByte) bytes.push(v);
    else {
      flush();
      out += String.fromCodePoint(v);
    }
    i = next;
    count++;
  }
  flush();
  if (q === "'" && count !== 1) return { ok: false };
  return { ok: true, value: out };
}

function bytesToString(bytes: number[]): string {
  // Decode as UTF-8 with U+FFFD for invalid sequences (Go keeps the raw bytes).
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 ? 1 : -1;
    if (need < 0) {
      s += '\ufffd';
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const d = bytes[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 63);
    }
    if (!ok) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

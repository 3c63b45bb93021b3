/**
 * Go string literals as Loki's lexer reads them (strconv.Unquote via prometheus strutil)
 * and as Loki's String() writes them (strconv.Quote). Go strings are bytes: `\xNN` and
 * octal escapes produce raw bytes, which we decode as UTF-8 (invalid bytes → U+FFFD, as
 * Go does when such a string is later turned into runes).
 */

export type UnquoteResult = { ok: true; value: string } | { ok: false; error: string };

const simpleEscapes: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** strconv.Unquote for `"…"` and `` `…` `` literals (single-quoted char literals are not LogQL strings). */
export function unquoteGo(literal: string): UnquoteResult {
  const invalid: UnquoteResult = { ok: false, error: 'invalid syntax' };
  if (literal.length < 2) return invalid;
  const quote = literal[0];
  if (quote !== literal[literal.length - 1]) return invalid;
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return invalid;
    // Go drops carriage returns from raw strings.
    return { ok: true, value: body.includes('\r') ? body.replaceAll('\r', '') : body };
  }
  if (quote !== '"') return invalid;
  if (!body.includes('\\')) {
    if (body.includes('"') || body.includes('\n')) return invalid;
    return { ok: true, value: body };
  }
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += decodeUtf8(bytes.splice(0));
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return invalid;
    if (c !== '\\') {
      flush();
      const cp = body.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return invalid;
    if (e in simpleEscapes) {
      flush();
      out += String.fromCharCode(simpleEscapes[e]!);
      i += 2;
    } else if (e === '"') {
      flush();
      out += '"';
      i += 2;
    } else if (e === 'x') {
      const h = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return invalid;
      bytes.push(parseInt(h, 16));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return invalid;
      const v = parseInt(o, 8);
      if (v > 255) return invalid;
      bytes.push(v);
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return invalid;
      const v = parseInt(h, 16);
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return invalid;
      flush();
      out += String.fromCodePoint(v);
      i += 2 + n;
    } else {
      return invalid;
    }
  }
  flush();
  return { ok: true, value: out };
}

function decodeUtf8(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const cb = bytes[i + k]!;
      if ((cb & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cb & 0x3f);
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (cp < 0x80 ? cp >= 0x20 && cp !== 0x7f : !asciiOnly && isGoPrint(cp)) return ch;
  switch (cp) {
    case 7: return '\\a';
    case 8: return '\\b';
    case 12: return '\\f';
    case 10: return '\\n';
    case 13: return '\\r';
    case 9: return '\\t';
    case 11: return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/**
 * strconv.Quote (asciiOnly: strconv.QuoteToASCII): printable runes kept, the rest escaped the
 * Go way. A lone surrogate (invalid UTF-8 once in Go) becomes U+FFFD. The one Go quoting of the
 * code base: the LogQL printer, the engine's error texts and the template engine use it.
 */
export function quoteGo(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out += escapeRune(cp, '"', asciiOnly);
  }
  return out + '"';
}

/** strconv.QuoteRune, for %q of a rune. */
export function quoteRuneGo(cp: number, asciiOnly = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0) cp = 0xfffd;
  return "'" + escapeRune(cp, "'", asciiOnly) + "'";
}

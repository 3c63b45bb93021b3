/**
 * PromQL literal rules (Prometheus parser/lex.go and parse.go): numbers (decimal, hex,
 * underscores between digits, Inf/NaN, durations read as seconds), durations, and Go string
 * literals (double-quoted and single-quoted with escapes, raw backquoted).
 */

const UNITS: Record<string, number> = { y: 365 * 24 * 3600_000, w: 7 * 24 * 3600_000, d: 24 * 3600_000, h: 3600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A Prometheus duration string (`1h30m`) in milliseconds, or null when it is not one. */
export function parseDurationMs(text: string): number | null {
  if (!text) return null;
  const m = DURATION.exec(text);
  if (!m) return null;
  const order = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let ms = 0;
  order.forEach((u, i) => {
    if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNITS[u]!;
  });
  return ms;
}

/** A number token's value: as strconv.ParseInt(s, 0, 64) then ParseFloat, else a duration in seconds. */
export function parseNumberToken(text: string): number | null {
  if (text.startsWith('-') || text.startsWith('+')) {
    const v = parseNumberToken(text.slice(1));
    return v === null ? null : text.startsWith('-') ? -v : v;
  }
  const t = text.replace(/(?<=[0-9a-fA-F])_(?=[0-9a-fA-F])/g, '');
  const lower = t.toLowerCase();
  if (lower === 'inf') return Infinity;
  if (lower === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) return Number(t);
  const ms = parseDurationMs(text);
  return ms === null ? null : ms / 1000;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Unquotes a Go string literal as strconv.Unquote does; null when malformed. */
export function unquoteGoString(text: string): string | null {
  const q = text[0];
  if (text.length < 2 || text[text.length - 1] !== q) return null;
  const body = text.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body;
  if (q !== '"' && q !== "'") return null;
  const bytes: number[] = [];
  const pushText = (s: string) => bytes.push(...new TextEncoder().encode(s));
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === q || c === '\n') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      pushText(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) pushText(SIMPLE_ESCAPES[e]!);
    else if (e === q) pushText(e);
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
        pushText(String.fromCodePoint(v));
      }
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const v = parseInt(oct, 8);
      if (v > 255) return null;
      bytes.push(v);
      i += 2;
    } else return null;
  }
  // \x and octal escapes may yield invalid UTF-8, which Go keeps as raw bytes: keep them
  // recoverable (see decodeUtf8KeepingBytes) so errors can print them as Go's %q does.
  return decodeUtf8KeepingBytes(Uint8Array.from(bytes));
}

/** Where a byte that is not part of valid UTF-8 goes: U+DC80 + byte − 0x80, a lone low surrogate. */
export const RAW_BYTE_BASE = 0xdc00;

/**
 * UTF-8 decoding as Go's utf8.DecodeRune walks a string: a valid sequence is one character; a
 * byte that does not start one (bad lead, bad continuation, overlong, surrogate, > U+10FFFF)
 * becomes the lone surrogate U+DC00 + byte, which no valid text contains ("surrogateescape").
 */
export function decodeUtf8KeepingBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    // The second byte's range depends on the lead (no overlongs, no surrogates, ≤ U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = n > 0 && i + n <= bytes.length && bytes[i + 1]! >= lo && bytes[i + 1]! <= hi;
    for (let k = 2; ok && k < n; k++) ok = bytes[i + k]! >= 0x80 && bytes[i + k]! <= 0xbf;
    if (!ok) {
      out += String.fromCharCode(RAW_BYTE_BASE + b);
      i++;
      continue;
    }
    let cp = n === 2 ? b & 0x1f : n === 3 ? b & 0x0f : b & 0x07;
    for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/** Whether the text came from bytes that are not valid UTF-8 (holds a kept raw byte). */
export function hasInvalidUtf8(text: string): boolean {
  return /[\udc80-\udcff]/.test(text);
}

/** A valid label name: non-empty valid UTF-8 (Prometheus 3 accepts any, quoted). */
export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !hasInvalidUtf8(name);
}

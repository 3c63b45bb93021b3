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
  // \x escapes may yield invalid UTF-8: keep those bytes as U+FFFD-free latin1 markers would lose
  // information, so decode leniently (Go keeps raw bytes; label names with them are invalid anyway).
  return decodeUtf8Lenient(Uint8Array.from(bytes));
}

/** Raw bytes that are not valid UTF-8 become U+FFFD, which label validation then rejects as Go would. */
function decodeUtf8Lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A valid label name (legacy charset or any valid UTF-8, as Prometheus 3 accepts quoted names). */
export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !name.includes('\uFFFD');
}

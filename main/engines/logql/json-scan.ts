/**
 * A port of the lenient JSON scanner Loki parses with (github.com/grafana/jsonparser):
 * ObjectEach, Get, ArrayEach, EachKey and Unescape with its exact leniency and error texts.
 * Loki's answers depend on them (what counts as invalid, `__error_details__`), so this is not
 * JSON.parse. Works on UTF-16 strings: every structural test is on ASCII, which UTF-8 bytes
 * and UTF-16 units agree on.
 */

export const enum JsonType {
  NotExist,
  String,
  Number,
  Object,
  Array,
  Boolean,
  Null,
  Unknown,
}

export const JSON_ERRORS = {
  keyPathNotFound: 'Key path not found',
  unknownValueType: 'Unknown value type',
  malformedJson: 'Malformed JSON error',
  malformedString: "Value is string, but can't find closing '\"' symbol",
  malformedArray: "Value is array, but can't find closing ']' symbol",
  malformedObject: "Value looks like object, but can't find closing '}' symbol",
  malformedValue: "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol",
  malformedStringEscape: 'Encountered an invalid escape sequence in a string',
} as const;

export class JsonScanError {
  constructor(readonly message: string) {}
}

function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

export function nextToken(d: string, from: number): number {
  for (let i = from; i < d.length; i++) if (!isWs(d[i])) return i;
  return -1;
}

function tokenEnd(d: string, from: number): number {
  for (let i = from; i < d.length; i++) {
    const c = d[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ',' || c === '}' || c === ']') return i;
  }
  return d.length;
}

/** Index just past the closing quote (from = first char after the opening quote), and whether escapes were seen. */
export function stringEnd(d: string, from: number): [number, boolean] {
  let escaped = false;
  for (let i = from; i < d.length; i++) {
    const c = d[i];
    if (c === '"') {
      if (!escaped) return [i + 1, false];
      let j = i - 1;
      for (;;) {
        if (j < from || d[j] !== '\\') return [i + 1, true];
        j--;
        if (j < from || d[j] !== '\\') break;
        j--;
      }
    } else if (c === '\\') escaped = true;
  }
  return [-1, escaped];
}

/** Index just past the block closing `close`, or -1. */
export function blockEnd(d: string, from: number, open: string, close: string): number {
  let level = 0;
  for (let i = from; i < d.length; i++) {
    const c = d[i];
    if (c === '"') {
      const [se] = stringEnd(d, i + 1);
      if (se === -1) return -1;
      i = se - 1;
    } else if (c === open) level++;
    else if (c === close) {
      level--;
      if (level === 0) return i + 1;
    }
  }
  return -1;
}

export interface JsonValue {
  /** Raw text (string values without their quotes). */
  raw: string;
  type: JsonType;
  /** Index just past the value. */
  end: number;
}

/** getType + quote stripping (jsonparser.Get with no keys, from `from`). Throws JsonScanError. */
export function getValue(d: string, from: number): JsonValue {
  const start = nextToken(d, from);
  if (start === -1) throw new JsonScanError(JSON_ERRORS.malformedJson);
  const c = d[start]!;
  if (c === '"') {
    const [se] = stringEnd(d, start + 1);
    if (se === -1) throw new JsonScanError(JSON_ERRORS.malformedString);
    return { raw: d.slice(start + 1, se - 1), type: JsonType.String, end: se };
  }
  if (c === '[' || c === '{') {
    const end = blockEnd(d, start, c, c === '[' ? ']' : '}');
    if (end === -1) throw new JsonScanError(c === '[' ? JSON_ERRORS.malformedArray : JSON_ERRORS.malformedObject);
    return { raw: d.slice(start, end), type: c === '[' ? JsonType.Array : JsonType.Object, end };
  }
  const end = tokenEnd(d, start);
  const raw = d.slice(start, end);
  let type: JsonType;
  if (c === 't' || c === 'f') {
    if (raw !== 'true' && raw !== 'false') throw new JsonScanError(JSON_ERRORS.unknownValueType);
    type = JsonType.Boolean;
  } else if (c === 'u' || c === 'n') {
    if (raw !== 'null') throw new JsonScanError(JSON_ERRORS.unknownValueType);
    type = JsonType.Null;
  } else if ((c >= '0' && c <= '9') || c === '-') type = JsonType.Number;
  else throw new JsonScanError(JSON_ERRORS.unknownValueType);
  return { raw, type, end };
}

function hex4(s: string, i: number): number {
  if (i + 6 > s.length) return -1;
  const h = s.slice(i + 2, i + 6);
  return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
}

/** jsonparser.Unescape; null on an invalid escape. Invalid code points become U+FFFD. */
export function unescape(s: string): string | null {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const b = s.indexOf('\\', i);
    if (b === -1) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, b);
    const e = s[b + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (e !== undefined && e in simple) {
      out += simple[e];
      i = b + 2;
      continue;
    }
    if (e !== 'u') return null;
    const r = hex4(s, b);
    if (r < 0) return null;
    if (r < 0xd800 || r > 0xdfff) {
      out += String.fromCharCode(r);
      i = b + 6;
      continue;
    }
    const r2 = s[b + 6] === '\\' && s[b + 7] === 'u' ? hex4(s, b + 6) : -1;
    if (r2 < 0 || r2 < 0xdc00) return null;
    const cp = 0x10000 + (r - 0xd800) * 0x400 + (r2 - 0xdc00);
    out += cp <= 0x10ffff && r <= 0xdbff && r2 <= 0xdfff ? String.fromCodePoint(cp) : '\ufffd';
    i = b + 12;
  }
  return out;
}

export type ObjectEachCallback = (key: string, value: JsonValue) => void;

/** jsonparser.ObjectEach over the object starting at `from`. Throws JsonScanError (or what the callback throws). */
export function objectEach(d: string, from: number, cb: ObjectEachCallback): void {
  let off = nextToken(d, from);
  if (off === -1 || d[off] !== '{') throw new JsonScanError(JSON_ERRORS.malformedObject);
  off = nextToken(d, off + 1);
  if (off === -1) throw new JsonScanError(JSON_ERRORS.malformedJson);
  if (d[off] === '}') return;
  while (off < d.length) {
    if (d[off] === '}') return;
    if (d[off] !== '"') throw new JsonScanError(JSON_ERRORS.malformedObject);
    off++;
    const [se, escaped] = stringEnd(d, off);
    if (se === -1) throw new JsonScanError(JSON_ERRORS.malformedJson);
    let key = d.slice(off, se - 1);
    off = se;
    if (escaped) {
      const k = unescape(key);
      if (k === null) throw new JsonScanError(JSON_ERRORS.malformedStringEscape);
      key = k;
    }
    off = nextToken(d, off);
    if (off === -1 || d[off] !== ':') throw new JsonScanError(JSON_ERRORS.malformedJson);
    off++;
    const value = getValue(d, off);
    cb(key, value);
    off = nextToken(d, value.end);
    if (off === -1) throw new JsonScanError(JSON_ERRORS.malformedArray);
    if (d[off] === '}') return;
    if (d[off] !== ',') throw new JsonScanError(JSON_ERRORS.malformedObject);
    off = nextToken(d, off + 1);
    if (off === -1) throw new JsonScanError(JSON_ERRORS.malformedArray);
  }
  throw new JsonScanError(JSON_ERRORS.malformedObject);
}

/** The one interface every pipeline step implements (Loki's log.Stage). */
import type { LabelsBuilder } from './labels-builder';

export interface Stage {
  /** The new line, or null to drop the entry. Never throws. */
  process(tsNs: bigint, line: string, lbs: LabelsBuilder): string | null;
}

export type Built<T> = { ok: true; value: T } | { ok: false; error: string };

export const ERR_JSON = 'JSONParserErr';
export const ERR_LOGFMT = 'LogfmtParserErr';
export const ERR_LABEL_FILTER = 'LabelFilterErr';
export const ERR_TEMPLATE = 'TemplateFormatErr';

const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** A code unit no Go white space starts or ends with (printable ASCII: the common case). */
const plainEdge = (c: number): boolean => c > 0x20 && c < 0x7f;

/** strings.TrimSpace (Go's notion of white space, which is not JavaScript's). */
export function goTrimSpace(s: string): string {
  if (s.length > 0 && plainEdge(s.charCodeAt(0)) && plainEdge(s.charCodeAt(s.length - 1))) return s;
  return s.replace(TRIM, '');
}

/** Already a valid label name ([A-Za-z_][A-Za-z0-9_]*): sanitizing it changes nothing. */
function isLabelName(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 ? c > 0x7a : c >= 0x41 ? c > 0x5a && c !== 0x5f : i === 0 || c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Sanitized keys seen lately: lines repeat their keys, so most lookups hit (bounded: keys can be unique). */
const sanitizedCache = new Map<string, string>();

const isLabelChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** Every character outside [A-Za-z0-9_] → `_`, one per code point (a surrogate pair is one). */
function mapSanitized(s: string): string {
  let out = '';
  let from = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isLabelChar(c)) continue;
    out += s.slice(from, i) + '_';
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Loki's sanitizeLabelKey(key, true): trimmed, `_`-prefixed when it starts with a digit, other characters → `_`. */
export function sanitizeLabelKey(key: string): string {
  if (isLabelName(key)) return key;
  let out = sanitizedCache.get(key);
  if (out === undefined) {
    if (sanitizedCache.size >= 4096) sanitizedCache.clear();
    sanitizedCache.set(key, (out = sanitizeSlow(key)));
  }
  return out;
}

function sanitizeSlow(key: string): string {
  const k = goTrimSpace(key);
  if (k === '') return '';
  return mapSanitized(k[0]! >= '0' && k[0]! <= '9' ? '_' + k : k);
}

/** Loki's appendSanitized: one JSON key part appended to a `_`-joined prefix. */
export function appendSanitized(to: string, part: string): string {
  const k = goTrimSpace(part);
  if (k === '') return to;
  return (to === '' && k[0]! >= '0' && k[0]! <= '9' ? '_' : '') + mapSanitized(k);
}

/** jsonparser.Unescape + Loki's replacement of U+FFFD by a space; "" when the escape is invalid. */
export function cleanUtf(s: string): string {
  return s.includes('\ufffd') ? s.replace(/\ufffd/g, ' ') : s;
}

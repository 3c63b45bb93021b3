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

/** strings.TrimSpace (Go's notion of white space, which is not JavaScript's). */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM, '');
}

const LABEL_CHAR = /[A-Za-z0-9_]/;

function mapSanitized(s: string): string {
  let out = '';
  for (const ch of s) out += LABEL_CHAR.test(ch) ? ch : '_';
  return out;
}

/** Loki's sanitizeLabelKey(key, true): trimmed, `_`-prefixed when it starts with a digit, other characters → `_`. */
export function sanitizeLabelKey(key: string): string {
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

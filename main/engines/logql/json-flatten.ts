/**
 * `| json` without parameters, the hot path: jsonparser.ObjectEach + getType exactly as
 * json-scan.ts ports them (same leniency, same error texts, same order of checks), but on char
 * codes, bounded by an end index instead of slicing nested objects out, with no value objects,
 * tuples or closures per key: only keys and the values kept are sliced. json-flatten.test.ts
 * checks it against the objectEach-based parser on generated valid and broken lines.
 */
import { JSON_ERRORS, JsonScanError, unescape } from './json-scan';
import type { LabelsBuilder } from './labels-builder';
import type { ParserHints } from './parser-hints';
import { appendSanitized, cleanUtf, goTrimSpace, sanitizeLabelKey } from './stage';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

export const enum Walk {
  Ok,
  /** Hinted: every required label found, the rest is not read. */
  Found,
  /** An early label filter rejected the line. */
  Drop,
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function nextTok(d: string, from: number, lim: number): number {
  for (let i = from; i < lim; i++) if (!isWs(d.charCodeAt(i))) return i;
  return -1;
}

function tokEnd(d: string, from: number, lim: number): number {
  for (let i = from; i < lim; i++) {
    const c = d.charCodeAt(i);
    if (isWs(c) || c === COMMA || c === RBRACE || c === RBRACK) return i;
  }
  return lim;
}

/** Set by strEnd: the string held a backslash (its text needs unescaping). */
let sawEscape = false;

/** json-scan's stringEnd: index past the closing quote, or -1 (from = first char after the opening quote). */
function strEnd(d: string, from: number, lim: number): number {
  let escaped = false;
  for (let i = from; i < lim; i++) {
    const c = d.charCodeAt(i);
    if (c === QUOTE) {
      if (!escaped) {
        sawEscape = false;
        return i + 1;
      }
      // Even run of backslashes before the quote: it closes the string.
      let j = i - 1;
      let odd = false;
      while (j >= from && d.charCodeAt(j) === BACKSLASH) {
        odd = !odd;
        j--;
      }
      if (!odd) {
        sawEscape = true;
        return i + 1;
      }
    } else if (c === BACKSLASH) escaped = true;
  }
  sawEscape = escaped;
  return -1;
}

function blockEnd(d: string, from: number, lim: number, open: number, close: number): number {
  let level = 0;
  for (let i = from; i < lim; i++) {
    const c = d.charCodeAt(i);
    if (c === QUOTE) {
      const se = strEnd(d, i + 1, lim);
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

const fail = (msg: string): never => {
  throw new JsonScanError(msg);
};

/** sanitizedPrefix([...parts, part]) from sanitizedPrefix(parts): one `_`-joined part more. */
export function joinPart(acc: string, part: string): string {
  if (goTrimSpace(part) === '') return acc;
  return acc === '' ? appendSanitized('', part) : acc + '_' + appendSanitized(acc, part);
}

/**
 * Top-level keys by their place in the object, with the label name each gives: structured
 * logs repeat their keys in the same order line after line, so a key that reads the same as
 * last time at its place reuses its name (no slice, no sanitizing). The name depends on the
 * stream's labels (`_extracted`), so the cache belongs to one labels builder at a time.
 */
const keyCache = { owner: null as LabelsBuilder | null, raw: [] as string[], names: [] as string[] };

/** The label name of the top-level key d[from, to) (no escapes), "" when it gives none. */
function topName(d: string, from: number, to: number, place: number, lbs: LabelsBuilder): string {
  const c = keyCache;
  if (c.owner !== lbs) {
    c.owner = lbs;
    c.raw = [];
    c.names = [];
  }
  const raw = c.raw[place];
  if (raw !== undefined && raw.length === to - from && d.startsWith(raw, from)) return c.names[place]!;
  const key = d.slice(from, to);
  let name = sanitizeLabelKey(key);
  if (name !== '' && lbs.baseHas(name)) name += '_extracted';
  if (place < 64) {
    c.raw[place] = key;
    c.names[place] = name;
  }
  return name;
}

const enum T {
  String,
  Number,
  Boolean,
  Null,
  Array,
  Object,
}

/**
 * ObjectEach over the object at d[from, lim), flattening as Loki's JSONParser does. `nested`
 * and `prefix` (sanitizedPrefix of the enclosing keys) as parseObject carries them.
 * Throws JsonScanError as the library fails.
 */
export function walkObject(d: string, from: number, lim: number, nested: boolean, prefix: string, lbs: LabelsBuilder, hints: ParserHints): Walk {
  let off = nextTok(d, from, lim);
  if (off === -1 || d.charCodeAt(off) !== LBRACE) fail(JSON_ERRORS.malformedObject);
  off = nextTok(d, off + 1, lim);
  if (off === -1) fail(JSON_ERRORS.malformedJson);
  for (let place = 0; off < lim; place++) {
    const c0 = d.charCodeAt(off);
    if (c0 === RBRACE) return Walk.Ok;
    if (c0 !== QUOTE) fail(JSON_ERRORS.malformedObject);
    off++;
    const se = strEnd(d, off, lim);
    if (se === -1) fail(JSON_ERRORS.malformedJson);
    const keyFrom = off;
    const plainKey = !sawEscape;
    /** The key's text, sliced only when needed (a nested object, an escaped or uncached key). */
    let key: string | null = null;
    if (sawEscape) {
      const k = unescape(d.slice(off, se - 1));
      if (k === null) fail(JSON_ERRORS.malformedStringEscape);
      key = k!;
    }
    off = nextTok(d, se, lim);
    if (off === -1 || d.charCodeAt(off) !== COLON) fail(JSON_ERRORS.malformedJson);
    // getValue
    const vs = nextTok(d, off + 1, lim);
    if (vs === -1) fail(JSON_ERRORS.malformedJson);
    const vc = d.charCodeAt(vs);
    let type: T;
    let end: number;
    let escaped = false;
    if (vc === QUOTE) {
      end = strEnd(d, vs + 1, lim);
      if (end === -1) fail(JSON_ERRORS.malformedString);
      escaped = sawEscape;
      type = T.String;
    } else if (vc === LBRACE || vc === LBRACK) {
      end = blockEnd(d, vs, lim, vc, vc === LBRACE ? RBRACE : RBRACK);
      if (end === -1) fail(vc === LBRACK ? JSON_ERRORS.malformedArray : JSON_ERRORS.malformedObject);
      type = vc === LBRACE ? T.Object : T.Array;
    } else {
      end = tokEnd(d, vs, lim);
      const n = end - vs;
      if (vc === 0x74 || vc === 0x66) {
        // 't' / 'f'
        if (!((n === 4 && d.startsWith('true', vs)) || (n === 5 && d.startsWith('false', vs)))) fail(JSON_ERRORS.unknownValueType);
        type = T.Boolean;
      } else if (vc === 0x75 || vc === 0x6e) {
        // 'u' / 'n'
        if (!(n === 4 && d.startsWith('null', vs))) fail(JSON_ERRORS.unknownValueType);
        type = T.Null;
      } else if ((vc >= 0x30 && vc <= 0x39) || vc === 0x2d) type = T.Number;
      else return fail(JSON_ERRORS.unknownValueType);
    }
    if (type === T.Object) {
      key ??= d.slice(keyFrom, se - 1);
      const p = joinPart(prefix, key);
      // An object no required label starts with is skipped unread (its errors unseen).
      if (hints.shouldExtractPrefix(p)) {
        const r = walkObject(d, vs, end, true, p, lbs, hints);
        if (r !== Walk.Ok) return r;
      }
    } else {
      if (type !== T.Array && type !== T.Null) {
        let name: string;
        let skip = false;
        if (!nested && plainKey) {
          name = topName(d, keyFrom, se - 1, place, lbs);
          if (name === '') skip = true;
        } else if (!nested) {
          name = sanitizeLabelKey(key!);
          if (name === '') skip = true;
          else if (lbs.baseHas(name)) name += '_extracted';
        } else {
          key ??= d.slice(keyFrom, se - 1);
          name = joinPart(prefix, key);
          if (lbs.baseHas(name)) name = joinPart(prefix, key + '_extracted');
        }
        if (!skip && hints.shouldExtract(name) && !hints.extracted(name)) {
          let value: string;
          if (type === T.String) {
            const raw = d.slice(vs + 1, end - 1);
            const u = escaped ? unescape(raw) : raw;
            value = u === null ? '' : cleanUtf(u);
          } else if (type === T.Number) value = d.slice(vs, end);
          else value = vc === 0x74 ? 'true' : 'false';
          lbs.setNew(name, value);
          if (!lbs.shouldContinue(name)) return Walk.Drop;
        }
      }
      // Checked after every non-object value (arrays and nulls too), as parseObject does.
      if (hints.allRequiredExtracted()) return Walk.Found;
    }
    off = nextTok(d, end, lim);
    if (off === -1) fail(JSON_ERRORS.malformedArray);
    const c1 = d.charCodeAt(off);
    if (c1 === RBRACE) return Walk.Ok;
    if (c1 !== COMMA) fail(JSON_ERRORS.malformedObject);
    off = nextTok(d, off + 1, lim);
    if (off === -1) fail(JSON_ERRORS.malformedArray);
  }
  return fail(JSON_ERRORS.malformedObject);
}

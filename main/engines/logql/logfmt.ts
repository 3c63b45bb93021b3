/**
 * `| logfmt [--strict] [--keep-empty] [params]`, after Loki's logfmt decoder (a go-logfmt
 * derivative) and LogfmtParser / LogfmtExpressionParser. Error positions are byte offsets of
 * the UTF-8 line, as Loki reports them.
 */
import type { LabelsBuilder } from './labels-builder';
import { ERR_LOGFMT, sanitizeLabelKey, type Stage } from './stage';

function utf8Length(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', "'": "'", b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** logfmt's unquoteBytes on `"…"` (quotes included); null when invalid. */
function unquote(s: string): string | null {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return null;
  const body = s.slice(1, -1);
  let out = '';
  for (let r = 0; r < body.length; ) {
    const c = body[r]!;
    if (c === '"') return null;
    if (c !== '\\') {
      out += c;
      r++;
      continue;
    }
    const e = body[r + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      r += 2;
      continue;
    }
    if (e !== 'u') return null;
    const hex = (at: number): number => (/^[0-9a-fA-F]{4}$/.test(body.slice(at + 2, at + 6)) && body[at] === '\\' && body[at + 1] === 'u' ? parseInt(body.slice(at + 2, at + 6), 16) : -1);
    const rr = hex(r);
    if (rr < 0) return null;
    r += 6;
    if (rr >= 0xd800 && rr <= 0xdfff) {
      const rr1 = hex(r);
      if (rr <= 0xdbff && rr1 >= 0xdc00 && rr1 <= 0xdfff) {
        out += String.fromCharCode(rr, rr1);
        r += 6;
        continue;
      }
      out += '\ufffd';
      continue;
    }
    out += String.fromCharCode(rr);
  }
  return out;
}

const QUOTE = 0x22;
const EQ = 0x3d;
const BACKSLASH = 0x5c;
const SPACE = 0x20;

/**
 * The decoder: scan() → key/value pairs, err set on syntax errors. Works on char codes and
 * slices only keys and values; one instance is reused line after line (reset).
 */
export class LogfmtDecoder {
  pos = 0;
  /** The key's bounds in the line (keyEnd < 0: no key); sliced only when asked for. */
  private keyStart = 0;
  private keyEnd = -1;
  value: string | null = null;
  /** The value held a non-ASCII code unit (only then can it hold U+FFFD). */
  valueMultibyte = false;
  /** The key is already a valid label name (sanitizing would not change it). */
  keyIsName = false;
  err: string | null = null;
  private line = '';
  constructor(line = '') {
    this.reset(line);
  }

  get key(): string | null {
    return this.keyEnd < 0 ? null : this.line.slice(this.keyStart, this.keyEnd);
  }

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
    this.keyEnd = -1;
    this.value = null;
    this.err = null;
  }

  eol(): boolean {
    return this.pos >= this.line.length;
  }

  private error(msg: string): void {
    this.err = `logfmt syntax error at pos ${utf8Length(this.line, this.pos) + 1} : ${msg}`;
  }

  private unexpected(c: number): void {
    this.error(`unexpected '${String.fromCharCode(c)}'`);
  }

  private skipValue(): false {
    const line = this.line;
    const n = line.length;
    let p = this.pos;
    while (p < n && line.charCodeAt(p) > SPACE) p++;
    this.pos = p;
    return false;
  }

  /** The key line[start, end); false (with err set) when it holds an invalid UTF-8 sequence. */
  private takeKey(start: number, end: number, multibyte: boolean): boolean {
    if (end > start) {
      this.keyStart = start;
      this.keyEnd = end;
    }
    if (multibyte && this.keyEnd >= 0 && this.key!.includes('\ufffd')) {
      this.error('invalid key');
      return false;
    }
    return true;
  }

  /** One key[=value]; false when the pair was malformed (and skipped). */
  scan(): boolean {
    this.keyEnd = -1;
    this.value = null;
    const line = this.line;
    const n = line.length;
    let p = this.pos;
    while (p < n && line.charCodeAt(p) <= SPACE) p++;
    this.pos = p;
    if (p >= n) return false;
    let start = p;
    let multibyte = false;
    // [A-Za-z_][A-Za-z0-9_]*, tracked while scanning (a digit first needs a `_` prefix).
    let name = !(line.charCodeAt(p) >= 0x30 && line.charCodeAt(p) <= 0x39);
    this.valueMultibyte = false;
    for (;;) {
      if (p >= n) {
        this.keyIsName = name;
        this.pos = p;
        return this.takeKey(start, p, multibyte);
      }
      const c = line.charCodeAt(p);
      if (c === EQ) {
        this.pos = p;
        this.keyIsName = name;
        if (!this.takeKey(start, p, multibyte)) return this.skipValue();
        if (this.keyEnd < 0) {
          this.unexpected(c);
          return this.skipValue();
        }
        break;
      }
      if (c === QUOTE) {
        this.pos = p;
        this.unexpected(c);
        return this.skipValue();
      }
      if (c <= SPACE) {
        this.pos = p;
        this.keyIsName = name;
        return this.takeKey(start, p, multibyte);
      }
      if (c >= 0x80) multibyte = true;
      if (name && !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) name = false;
      p++;
    }
    // after '='
    p++;
    this.pos = p;
    if (p >= n) return true;
    const first = line.charCodeAt(p);
    if (first <= SPACE) return true;
    if (first === QUOTE) return this.quoted();
    start = p;
    while (p < n) {
      const c = line.charCodeAt(p);
      if (c === EQ || c === QUOTE) {
        this.pos = p;
        this.unexpected(c);
        return this.skipValue();
      }
      if (c <= SPACE) break;
      if (c >= 0x80) this.valueMultibyte = true;
      p++;
    }
    this.pos = p;
    if (p > start) this.value = line.slice(start, p);
    return true;
  }

  private quoted(): boolean {
    const line = this.line;
    const start = this.pos;
    let hasEsc = false;
    let esc = false;
    for (let p = start + 1; p < line.length; p++) {
      const c = line.charCodeAt(p);
      if (c >= 0x80) this.valueMultibyte = true;
      if (esc) esc = false;
      else if (c === BACKSLASH) hasEsc = esc = true;
      else if (c === QUOTE) {
        this.pos = p + 1;
        if (hasEsc) {
          this.valueMultibyte = true; // an escape may decode to U+FFFD (\ud800)
          const v = unquote(line.slice(start, this.pos));
          if (v === null) {
            this.error('invalid quoted value');
            return false;
          }
          this.value = v;
        } else if (this.pos - 1 > start + 1) this.value = line.slice(start + 1, this.pos - 1);
        return true;
      }
    }
    this.pos = line.length;
    this.error('unterminated quoted value');
    return false;
  }
}

export function logfmtParser(strict: boolean, keepEmpty: boolean): Stage {
  const decoder = new LogfmtDecoder();
  return {
    process(_ts, line, lbs) {
      const hints = lbs.hints;
      if (hints.noLabels()) return line;
      const limited = hints.limited;
      const dec = decoder;
      dec.reset(line);
      while (!dec.eol()) {
        if (!dec.scan()) {
          if (strict) break;
          continue;
        }
        const raw = dec.value ?? '';
        // Loki checks this last; nothing before it has effects, so checking it first (before
        // sanitizing the key) skips the bare words of non-logfmt lines cheaply.
        if (!keepEmpty && raw === '') continue;
        const rawKey = dec.key;
        if (rawKey === null) continue;
        let key = dec.keyIsName ? rawKey : sanitizeLabelKey(rawKey);
        if (key === '') continue;
        if (lbs.baseHas(key)) key += '_extracted';
        if ((limited && !hints.shouldExtract(key)) || hints.extracted(key)) continue;
        const val = dec.valueMultibyte && raw.includes('\ufffd') ? raw.replace(/\ufffd/g, ' ') : raw;
        lbs.setNew(key, val);
        if (!lbs.shouldContinue(key)) return null;
        // Hinted: the rest of the line is never read (nor its syntax errors seen).
        if (limited && hints.allRequiredExtracted()) break;
      }
      if (strict && dec.err !== null) {
        lbs.addParserError(ERR_LOGFMT, dec.err);
        if (!lbs.shouldContinue('__error__')) return null;
      }
      return line;
    },
  };
}

export function logfmtExpressionParser(params: { label: string; expr: string }[], strict: boolean): Stage {
  const ids = params.map((p) => p.label);
  const origByKey = new Map(params.map((p) => [p.label, p.expr]));
  const decoder = new LogfmtDecoder();
  return {
    process(_ts, line, lbs: LabelsBuilder) {
      const hints = lbs.hints;
      if (hints.noLabels()) return line;
      // Every identifier starts empty; with hints this alone may complete the required set,
      // so the first expression key found ends the scan: a duplicate key keeps its first value.
      for (const id of ids) if (!lbs.baseHas(id)) lbs.set(id, '');
      const dec = decoder;
      dec.reset(line);
      while (!dec.eol()) {
        if (!dec.scan()) {
          if (strict) break;
          continue;
        }
        let key = sanitizeLabelKey(dec.key ?? '');
        if (key === '') continue;
        // alwaysExtract looks the key up among the identifiers (Loki's map keys).
        const always = origByKey.has(key);
        if (!always && (!hints.shouldExtract(key) || hints.extracted(key))) continue;
        let val = dec.value ?? '';
        if (val.includes('\ufffd')) val = '';
        for (const [id, orig] of origByKey) {
          if (key === orig) {
            key = id;
            break;
          }
        }
        if (!origByKey.has(key)) continue;
        if (lbs.baseHas(key)) {
          key += '_extracted';
          if (hints.extracted(key) || !hints.shouldExtract(key)) break;
        }
        lbs.set(key, val);
        if (hints.allRequiredExtracted()) break;
      }
      if (strict && dec.err !== null) lbs.addParserError(ERR_LOGFMT, dec.err);
      return line;
    },
  };
}

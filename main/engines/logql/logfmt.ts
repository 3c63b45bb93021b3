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

/** The decoder: scan() → key/value pairs, err set on syntax errors. */
export class LogfmtDecoder {
  pos = 0;
  key: string | null = null;
  value: string | null = null;
  err: string | null = null;
  constructor(private line: string) {}

  eol(): boolean {
    return this.pos >= this.line.length;
  }

  private error(msg: string): void {
    this.err = `logfmt syntax error at pos ${utf8Length(this.line, this.pos) + 1} : ${msg}`;
  }

  private unexpected(c: string): void {
    this.error(`unexpected '${c === '"' ? '"' : c}'`);
  }

  private skipValue(): false {
    const line = this.line;
    while (this.pos < line.length && line[this.pos]! > ' ') this.pos++;
    return false;
  }

  /** One key[=value]; false when the pair was malformed (and skipped). */
  scan(): boolean {
    this.key = null;
    this.value = null;
    const line = this.line;
    while (this.pos < line.length && line[this.pos]! <= ' ') this.pos++;
    if (this.pos >= line.length) return false;
    let start = this.pos;
    let multibyte = false;
    for (;;) {
      if (this.pos >= line.length) {
        if (this.pos > start) this.key = line.slice(start, this.pos);
        if (multibyte && this.key?.includes('\ufffd')) {
          this.error('invalid key');
          return false;
        }
        return true;
      }
      const c = line[this.pos]!;
      if (c === '=') {
        if (this.pos > start) {
          this.key = line.slice(start, this.pos);
          if (multibyte && this.key.includes('\ufffd')) {
            this.error('invalid key');
            return this.skipValue();
          }
        }
        if (this.key === null) {
          this.unexpected(c);
          return this.skipValue();
        }
        break;
      }
      if (c === '"') {
        this.unexpected(c);
        return this.skipValue();
      }
      if (c <= ' ') {
        if (this.pos > start) this.key = line.slice(start, this.pos);
        if (multibyte && this.key?.includes('\ufffd')) {
          this.error('invalid key');
          return false;
        }
        return true;
      }
      if (c.charCodeAt(0) >= 0x80) multibyte = true;
      this.pos++;
    }
    // after '='
    this.pos++;
    if (this.pos >= line.length) return true;
    const first = line[this.pos]!;
    if (first <= ' ') return true;
    if (first === '"') return this.quoted();
    start = this.pos;
    while (this.pos < line.length) {
      const c = line[this.pos]!;
      if (c === '=' || c === '"') {
        this.unexpected(c);
        return this.skipValue();
      }
      if (c <= ' ') break;
      this.pos++;
    }
    if (this.pos > start) this.value = line.slice(start, this.pos);
    return true;
  }

  private quoted(): boolean {
    const line = this.line;
    const start = this.pos;
    let hasEsc = false;
    let esc = false;
    for (let p = start + 1; p < line.length; p++) {
      const c = line[p];
      if (esc) esc = false;
      else if (c === '\\') hasEsc = esc = true;
      else if (c === '"') {
        this.pos = p + 1;
        if (hasEsc) {
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
  return {
    process(_ts, line, lbs) {
      const hints = lbs.hints;
      if (hints.noLabels()) return line;
      const limited = hints.limited;
      const dec = new LogfmtDecoder(line);
      while (!dec.eol()) {
        if (!dec.scan()) {
          if (strict) break;
          continue;
        }
        let key = sanitizeLabelKey(dec.key ?? '');
        if (key === '') continue;
        if (lbs.baseHas(key)) key += '_extracted';
        if ((limited && !hints.shouldExtract(key)) || hints.extracted(key)) continue;
        const raw = dec.value ?? '';
        const val = raw.includes('\ufffd') ? raw.replace(/\ufffd/g, ' ') : raw;
        if (!keepEmpty && val === '') continue;
        lbs.set(key, val);
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
  return {
    process(_ts, line, lbs: LabelsBuilder) {
      const hints = lbs.hints;
      if (hints.noLabels()) return line;
      // Every identifier starts empty; with hints this alone may complete the required set,
      // so the first expression key found ends the scan: a duplicate key keeps its first value.
      for (const id of ids) if (!lbs.baseHas(id)) lbs.set(id, '');
      const dec = new LogfmtDecoder(line);
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

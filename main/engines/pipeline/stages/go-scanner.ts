/**
 * Go's text/scanner in GoTokens mode (comments skipped), as far as Promtail's match-stage
 * selector lexer can observe it: token kinds, positions (line/column as Scanner.Position
 * reports them, line 0 after Next()) and its error messages. Used by promtail-selector.ts.
 */
import type { PromtailParseError } from './promtail-selector';

const EOF = -1;
const NOT_READ = -2;

export type ScanKind = 'eof' | 'ident' | 'int' | 'float' | 'char' | 'string' | 'rawString' | 'other';

/** Go's text/scanner in GoTokens mode, as far as Promtail's lexer can observe it. */
export class GoScanner {
  private pos = 0;
  private line = 1;
  private column = 0;
  private lastLineLen = 0;
  private lastCharLen = 0;
  private ch = NOT_READ;
  private tokPos = -1;
  private tokEnd = 0;
  /** Scanner.Position of the last token (Line 0 = invalid). */
  tokLine = 0;
  tokColumn = 0;
  readonly errors: PromtailParseError[] = [];

  constructor(private readonly src: string) {}

  error(msg: string): void {
    this.tokEnd = this.pos - this.lastCharLen;
    this.errors.push({ line: this.tokLine, col: this.tokColumn, msg, message: `parse error at line ${this.tokLine}, col ${this.tokColumn}: ${msg}` });
  }

  /** Offsets of the last token's text in the source. */
  get tokenFrom(): number {
    return this.tokPos;
  }
  get tokenTo(): number {
    return Math.max(this.tokEnd, this.tokPos);
  }

  tokenText(): string {
    return this.tokPos < 0 ? '' : this.src.slice(this.tokPos, this.tokenTo);
  }

  private read(): number {
    if (this.pos >= this.src.length) {
      if (this.lastCharLen > 0) this.column++;
      this.lastCharLen = 0;
      return EOF;
    }
    const cp = this.src.codePointAt(this.pos)!;
    const width = cp > 0xffff ? 2 : 1;
    this.pos += width;
    this.lastCharLen = width;
    this.column++;
    // A lone surrogate cannot be UTF-8 encoded: the Go side would have seen an invalid byte.
    if (cp >= 0xd800 && cp <= 0xdfff) {
      this.error('invalid UTF-8 encoding');
      return 0xfffd;
    }
    if (cp === 0) this.error('invalid character NUL');
    else if (cp === 10) {
      this.line++;
      this.lastLineLen = this.column;
      this.column = 0;
    }
    return cp;
  }

  peek(): number {
    if (this.ch === NOT_READ) {
      this.ch = this.read();
      if (this.ch === 0xfeff) this.ch = this.read(); // a leading BOM is skipped
    }
    return this.ch;
  }

  /** Scanner.Next(): consumes one character and invalidates the token position. */
  next(): number {
    this.tokPos = -1;
    this.tokLine = 0;
    const c = this.peek();
    if (c !== EOF) this.ch = this.read();
    return c;
  }

  scan(): ScanKind {
    let ch = this.peek();
    this.tokPos = -1;
    this.tokLine = 0;
    let kind: ScanKind = 'other';
    for (;;) {
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = this.read();
      this.tokPos = this.pos - this.lastCharLen;
      if (this.column > 0) {
        this.tokLine = this.line;
        this.tokColumn = this.column;
      } else {
        this.tokLine = this.line - 1;
        this.tokColumn = this.lastLineLen;
      }
      if (isIdentRune(ch, 0)) {
        kind = 'ident';
        ch = this.read();
        for (let i = 1; isIdentRune(ch, i); i++) ch = this.read();
      } else if (isDecimal(ch)) {
        [kind, ch] = this.scanNumber(ch, false);
      } else if (ch === EOF) {
        kind = 'eof';
      } else if (ch === 0x22 /* " */) {
        this.scanString(0x22);
        kind = 'string';
        ch = this.read();
      } else if (ch === 0x27 /* ' */) {
        if (this.scanString(0x27) !== 1) this.error('invalid char literal');
        kind = 'char';
        ch = this.read();
      } else if (ch === 0x2e /* . */) {
        ch = this.read();
        if (isDecimal(ch)) [kind, ch] = this.scanNumber(ch, true);
      } else if (ch === 0x2f /* / */) {
        ch = this.read();
        if (ch === 0x2f || ch === 0x2a) {
          this.tokPos = -1;
          ch = this.scanComment(ch);
          continue;
        }
      } else if (ch === 0x60 /* ` */) {
        ch = this.read();
        while (ch !== 0x60) {
          if (ch < 0) {
            this.error('literal not terminated');
            break;
          }
          ch = this.read();
        }
        kind = 'rawString';
        ch = this.read();
      } else {
        ch = this.read();
      }
      break;
    }
    this.tokEnd = this.pos - this.lastCharLen;
    this.ch = ch;
    return kind;
  }

  /** Returns how many characters the literal held (char literals must hold one). */
  private scanString(quote: number): number {
    let n = 0;
    let ch = this.read();
    while (ch !== quote) {
      if (ch === 10 || ch < 0) {
        this.error('literal not terminated');
        return n;
      }
      ch = ch === 0x5c ? this.scanEscape(quote) : this.read();
      n++;
    }
    return n;
  }

  private scanEscape(quote: number): number {
    const ch = this.read();
    if (ch === quote || 'abfnrtv\\'.includes(String.fromCodePoint(Math.max(ch, 0)))) return this.read();
    if (ch >= 0x30 && ch <= 0x37) return this.scanDigits(ch, 8, 3);
    if (ch === 0x78 /* x */) return this.scanDigits(this.read(), 16, 2);
    if (ch === 0x75 /* u */) return this.scanDigits(this.read(), 16, 4);
    if (ch === 0x55 /* U */) return this.scanDigits(this.read(), 16, 8);
    this.error('invalid char escape');
    return ch;
  }

  private scanDigits(ch: number, base: number, n: number): number {
    while (n > 0 && digitVal(ch) < base) {
      ch = this.read();
      n--;
    }
    if (n > 0) this.error('invalid char escape');
    return ch;
  }

  private scanComment(ch: number): number {
    if (ch === 0x2f) {
      ch = this.read();
      while (ch !== 10 && ch >= 0) ch = this.read();
      return ch;
    }
    ch = this.read();
    for (;;) {
      if (ch < 0) {
        this.error('comment not terminated');
        return ch;
      }
      const prev = ch;
      ch = this.read();
      if (prev === 0x2a && ch === 0x2f) return this.read();
    }
  }

  /** Digits and '_' of a number literal; notes the first decimal digit too big for the base. */
  private digits(ch: number, base: number, invalid: { ch: number } | null): [number, number] {
    let digsep = 0;
    if (base <= 10) {
      const max = 0x30 + base;
      while (isDecimal(ch) || ch === 0x5f) {
        if (ch === 0x5f) digsep |= 2;
        else {
          digsep |= 1;
          if (ch >= max && invalid && invalid.ch === 0) invalid.ch = ch;
        }
        ch = this.read();
      }
    } else {
      while (isHex(ch) || ch === 0x5f) {
        digsep |= ch === 0x5f ? 2 : 1;
        ch = this.read();
      }
    }
    return [ch, digsep];
  }

  private scanNumber(ch: number, seenDot: boolean): [ScanKind, number] {
    let base = 10;
    let prefix = ''; // '' decimal, '0' octal by leading zero, 'x', 'o', 'b'
    let digsep = 0;
    const invalid = { ch: 0 };
    let kind: ScanKind = 'int';
    let ds: number;
    if (!seenDot) {
      if (ch === 0x30) {
        ch = this.read();
        const l = lower(ch);
        if (l === 0x78 || l === 0x6f || l === 0x62) {
          ch = this.read();
          prefix = String.fromCharCode(l);
          base = l === 0x78 ? 16 : l === 0x6f ? 8 : 2;
        } else {
          base = 8;
          prefix = '0';
          digsep = 1;
        }
      }
      [ch, ds] = this.digits(ch, base, invalid);
      digsep |= ds;
      if (ch === 0x2e) {
        ch = this.read();
        seenDot = true;
      }
    }
    if (seenDot) {
      kind = 'float';
      if (prefix === 'o' || prefix === 'b') this.error(`invalid radix point in ${litName(prefix)}`);
      [ch, ds] = this.digits(ch, base, invalid);
      digsep |= ds;
    }
    if ((digsep & 1) === 0) this.error(`${litName(prefix)} has no digits`);
    const e = lower(ch);
    if (e === 0x65 || e === 0x70) {
      if (e === 0x65 && prefix !== '' && prefix !== '0') this.error(`'${String.fromCodePoint(ch)}' exponent requires decimal mantissa`);
      else if (e === 0x70 && prefix !== 'x') this.error(`'${String.fromCodePoint(ch)}' exponent requires hexadecimal mantissa`);
      ch = this.read();
      kind = 'float';
      if (ch === 0x2b || ch === 0x2d) ch = this.read();
      [ch, ds] = this.digits(ch, 10, null);
      digsep |= ds;
      if ((ds & 1) === 0) this.error('exponent has no digits');
    } else if (prefix === 'x' && kind === 'float') {
      this.error("hexadecimal mantissa requires a 'p' exponent");
    }
    if (kind === 'int' && invalid.ch !== 0) this.error(`invalid digit '${String.fromCodePoint(invalid.ch)}' in ${litName(prefix)}`);
    if (digsep & 2) {
      this.tokEnd = this.pos - this.lastCharLen;
      if (invalidSeparator(this.tokenText())) this.error("'_' must separate successive digits");
    }
    return [kind, ch];
  }
}

function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}
function lower(ch: number): number {
  return ch < 0 ? ch : ch | 0x20;
}
function isHex(ch: number): boolean {
  return isDecimal(ch) || (lower(ch) >= 0x61 && lower(ch) <= 0x66);
}
function digitVal(ch: number): number {
  if (isDecimal(ch)) return ch - 0x30;
  if (lower(ch) >= 0x61 && lower(ch) <= 0x66) return lower(ch) - 0x61 + 10;
  return 16;
}
function isIdentRune(ch: number, i: number): boolean {
  if (ch < 0) return false;
  if (ch === 0x5f) return true;
  const s = String.fromCodePoint(ch);
  return /\p{L}/u.test(s) || (i > 0 && /\p{Nd}/u.test(s));
}
function litName(prefix: string): string {
  return prefix === 'x' ? 'hexadecimal literal' : prefix === 'o' || prefix === '0' ? 'octal literal' : prefix === 'b' ? 'binary literal' : 'decimal literal';
}

/** Whether a number literal has a '_' that does not sit between digits (a base prefix counts as a digit). */
function invalidSeparator(x: string): boolean {
  let hex = false;
  let prev: 'digit' | '_' | 'other' = 'other';
  let i = 0;
  if (x.length >= 2 && x[0] === '0' && 'xob'.includes(x[1]!.toLowerCase())) {
    hex = x[1]!.toLowerCase() === 'x';
    prev = 'digit';
    i = 2;
  }
  for (; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (c === 0x5f) {
      if (prev !== 'digit') return true;
      prev = '_';
    } else if (isDecimal(c) || (hex && isHex(c))) {
      prev = 'digit';
    } else {
      if (prev === '_') return true;
      prev = 'other';
    }
  }
  return prev === '_';
}

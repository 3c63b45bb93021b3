/**
 * The selector grammar of Promtail's match stage (grafana/loki clients/pkg/logentry/logql),
 * which is not Loki's LogQL:
 *
 *   selector := '{' name op STRING (',' name op STRING)* '}' (filter STRING)*
 *   op       := '=' | '!=' | '=~' | '!~'        filter := '|=' | '|~' | '!=' | '!~'
 *
 * Promtail lexes with Go's text/scanner (GoTokens mode: comments skipped) and a small token
 * table; any scanner token that is not a double-quoted string or one of the punctuation tokens
 * is an IDENTIFIER, so there are no keywords (`{drop="true"}` is fine) and even `1` or `'a'`
 * can name a label. Strings are unquoted with Go's strconv.Unquote; backquoted strings are
 * scanner raw strings and so IDENTIFIERs. Errors are the first one recorded, worded as
 * Promtail's ParseError: "parse error at line L, col C: MSG", where L:C is the scanner's
 * token position — line 0 after a two-character token, which the lexer completes with
 * Scanner.Next() (that resets the line). Syntax errors name the token and what the yacc
 * parser state expected ("syntax error: unexpected $end, expecting } or ,").
 *
 * Pure: no I/O, no regex compilation (the match stage compiles matchers and filters).
 */
import type { LabelMatcher, LineFilterStage, MatchOp } from '../../../../shared/logql/ast';
import { unquoteGo } from '../../../../shared/logql/go-strings';

export interface PromtailSelector {
  matchers: LabelMatcher[];
  /** In source order, each with exactly one string value. */
  filters: LineFilterStage[];
}

export interface PromtailParseError {
  line: number;
  col: number;
  msg: string;
  /** Promtail's ParseError.Error(). */
  message: string;
}

export type PromtailSelectorResult = { ok: true; selector: PromtailSelector } | { ok: false; error: PromtailParseError };

const EOF = -1;
const NOT_READ = -2;

type ScanKind = 'eof' | 'ident' | 'int' | 'float' | 'char' | 'string' | 'rawString' | 'other';

/** Go's text/scanner in GoTokens mode, as far as Promtail's lexer can observe it. */
class GoScanner {
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

// ---------------------------------------------------------------- lexer and parser

/** The lexer's token table; the keys are also the yacc token names in error messages. */
const PUNCTUATION = new Set([',', '.', '{', '}', '=', '!=', '=~', '!~', '|=', '|~']);

interface Token {
  /** yacc name: '$end', 'IDENTIFIER', 'STRING', or the punctuation itself. */
  name: string;
  text: string;
  value: string;
  from: number;
  to: number;
}

class Lexer {
  readonly sc: GoScanner;
  constructor(src: string) {
    this.sc = new GoScanner(src);
  }

  lex(): Token {
    const sc = this.sc;
    const kind = sc.scan();
    const from = sc.tokenFrom;
    if (kind === 'eof') return { name: '$end', text: '', value: '', from, to: from };
    const text = sc.tokenText();
    const to = sc.tokenTo;
    if (kind === 'string') {
      const u = unquoteGo(text);
      if (!u.ok) {
        sc.error(u.error);
        return { name: '$end', text: '', value: '', from, to };
      }
      return { name: 'STRING', text, value: u.value, from, to };
    }
    const la = sc.peek();
    const two = text + (la < 0 ? '\ufffd' : String.fromCodePoint(la));
    if (PUNCTUATION.has(two)) {
      sc.next();
      return { name: two, text: two, value: two, from, to: to + (la > 0xffff ? 2 : 1) };
    }
    if (PUNCTUATION.has(text)) return { name: text, text, value: text, from, to };
    return { name: 'IDENTIFIER', text, value: text, from, to };
  }

  /** yacc's verbose message for `tok` in a state that could shift `expected`. */
  syntaxError(tok: Token, expected: string[]): void {
    this.sc.error(`syntax error: unexpected ${tok.name}${expected.length ? `, expecting ${expected.join(' or ')}` : ''}`);
  }
}

const MATCH_OPS: readonly string[] = ['=', '!=', '=~', '!~'];
// Listed in yacc token-number order, as its error messages list them.
const FILTER_OPS: readonly string[] = ['!=', '!~', '|~', '|='];

/** Promtail's logql.ParseExpr. */
export function parsePromtailSelector(input: string): PromtailSelectorResult {
  const lx = new Lexer(input);
  const matchers: LabelMatcher[] = [];
  const filters: LineFilterStage[] = [];
  const fail = (): PromtailSelectorResult => ({ ok: false, error: lx.sc.errors[0]! });

  let tok = lx.lex();
  if (tok.name !== '{') {
    lx.syntaxError(tok, ['{']);
    return fail();
  }
  for (;;) {
    const name = lx.lex();
    if (name.name !== 'IDENTIFIER') {
      lx.syntaxError(name, ['IDENTIFIER']);
      return fail();
    }
    const op = lx.lex();
    if (!MATCH_OPS.includes(op.name)) {
      lx.syntaxError(op, MATCH_OPS as string[]);
      return fail();
    }
    const value = lx.lex();
    if (value.name !== 'STRING') {
      lx.syntaxError(value, ['STRING']);
      return fail();
    }
    matchers.push({ name: name.value, op: op.name as MatchOp, value: value.value, span: { from: name.from, to: value.to } });
    tok = lx.lex();
    if (tok.name === '}') break;
    if (tok.name !== ',') {
      lx.syntaxError(tok, ['}', ',']);
      return fail();
    }
  }
  for (;;) {
    tok = lx.lex();
    if (tok.name === '$end') break;
    if (!FILTER_OPS.includes(tok.name)) {
      lx.syntaxError(tok, FILTER_OPS as string[]);
      return fail();
    }
    const value = lx.lex();
    if (value.name !== 'STRING') {
      lx.syntaxError(value, ['STRING']);
      return fail();
    }
    filters.push({
      kind: 'lineFilter',
      op: tok.name as LineFilterStage['op'],
      values: [{ kind: 'string', value: value.value, span: { from: value.from, to: value.to } }],
      span: { from: tok.from, to: value.to },
    });
  }
  // Scanner errors (a bad escape, an unterminated comment) fail even a complete parse.
  if (lx.sc.errors.length > 0) return fail();
  return { ok: true, selector: { matchers, filters } };
}

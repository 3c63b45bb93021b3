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
import { GoScanner } from './go-scanner';

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

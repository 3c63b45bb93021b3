/**
 * External tokens of logql.grammar. The two specializers are upstream's src/tokens.js
 * (@grafana/lezer-logql 0.3.0) in TypeScript, plus approx_topk; the two tokenizers are ours
 * (see the grammar's header): identifiers as Loki's lexer reads them, and the `|` of
 * `| unwrap`, told apart from a stage's `|` by looking at the next word.
 */
import { ExternalTokenizer, type InputStream, type Stack } from '@lezer/lr';
import * as T from './parser.terms.js';

/**
 * Keywords that are never identifiers (lezer `@specialize`): the words of Loki's `tokens` map
 * (lex.go), which its lexer returns as keywords wherever they stand — `{drop="x"}`,
 * `| and="x"`, `by (or)`, `| json by="x"` are syntax errors in Loki. (`ip` and
 * `label_replace` are in that map too, but lex.go looks them up in functionTokens first.)
 */
const keywordTokens: Record<string, number> = {
  json: T.Json, logfmt: T.Logfmt, unpack: T.Unpack, pattern: T.Pattern, regexp: T.Regexp, label_format: T.LabelFormat,
  line_format: T.LineFormat, offset: T.Offset, bool: T.Bool, on: T.On, ignoring: T.Ignoring, group_left: T.GroupLeft,
  group_right: T.GroupRight, unwrap: T.Unwrap, decolorize: T.Decolorize, drop: T.Drop, keep: T.Keep, by: T.By,
  without: T.Without, and: T.And, or: T.Or, unless: T.Unless,
};

export const specializeIdentifier = (value: string, _stack?: Stack): number => keywordTokens[value.toLowerCase()] ?? -1;

/**
 * Words that are keywords only where the grammar expects them (lezer `@extend`): Loki's
 * functionTokens (lex.go), which its lexer returns as IDENTIFIER unless `(` (or `by (` /
 * `without (`) follows, so `{sum="x"}`, `by (vector)`, `| label_replace="x"` are label names.
 * The range functions, ip and the conversions are `condFn`s in the grammar.
 */
const contextualKeywordTokens: Record<string, number> = {
  sum: T.Sum, avg: T.Avg, count: T.Count, max: T.Max, min: T.Min, stddev: T.Stddev, stdvar: T.Stdvar, bottomk: T.Bottomk,
  topk: T.Topk, approx_topk: T.ApproxTopk, sort: T.Sort, sort_desc: T.Sort_Desc, vector: T.Vector,
  label_replace: T.LabelReplace,
};

export const extendIdentifier = (value: string, _stack?: Stack): number => contextualKeywordTokens[value.toLowerCase()] ?? -1;

/** The code point at `input.peek(offset)` and its length in UTF-16 units (lezer reads units). */
function codePoint(input: InputStream, offset: number): { cp: number; len: number } {
  const c = input.peek(offset);
  if (c >= 0xd800 && c < 0xdc00) {
    const d = input.peek(offset + 1);
    if (d >= 0xdc00 && d < 0xe000) return { cp: ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000, len: 2 };
  }
  return { cp: c, len: 1 };
}

/** Go's unicode.IsLetter plus `_`, and unicode.IsDigit: text/scanner's identifier runes. */
const isLetter = (c: number) => c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && /\p{L}/u.test(String.fromCodePoint(c)));
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c > 127 && /\p{Nd}/u.test(String.fromCodePoint(c)));

/**
 * Identifier as Loki's lexer scans it (text/scanner's default IsIdentRune): a letter or `_`,
 * then letters, digits and `_`. No `:` (upstream lezer allowed it, Loki lexes `:` as a token
 * of its own); Unicode letters and digits, as Go's unicode package classifies them.
 */
export const identifier = new ExternalTokenizer((input) => {
  let { cp, len } = codePoint(input, 0);
  if (!isLetter(cp)) return;
  let end = 0;
  while (isLetter(cp) || isDigit(cp)) {
    end += len;
    ({ cp, len } = codePoint(input, end));
  }
  input.acceptToken(T.Identifier, end);
});

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The `|` that starts `| unwrap`, where the grammar could take either it or a stage's `|`.
 * Loki's yacc grammar decides after the `|` (its pipeline is left-recursive); our pipeline
 * is a repetition (see the grammar's header), so the decision has to be made on the `|`:
 * by looking past blanks and `#` comments for the word `unwrap`.
 */
export const pipeBeforeUnwrap = new ExternalTokenizer(
  (input, stack) => {
    if (input.next !== 124 || !stack.canShift(T.UnwrapPipe)) return;
    let i = 1;
    for (;;) {
      const c = input.peek(i);
      if (isSpace(c)) i++;
      else if (c === 35) while (input.peek(i) !== 10 && input.peek(i) !== -1) i++;
      else break;
    }
    for (const ch of 'unwrap') if ((input.peek(i++) | 0x20) !== ch.charCodeAt(0)) return;
    const after = codePoint(input, i).cp;
    if (isLetter(after) || isDigit(after)) return;
    input.acceptToken(T.UnwrapPipe, 1);
  },
  { contextual: true },
);

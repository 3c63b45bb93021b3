/**
 * A tokenizer that mirrors Loki's LogQL lexer (pkg/logql/syntax/lex.go on Go's
 * text/scanner). It is NOT used to parse (lezer does that): it names the tokens exactly as
 * Loki's yacc parser names them in its errors (`unexpected IDENTIFIER`, `unexpected $end`)
 * and reproduces Loki's positions, including a quirk: a token the lexer finishes with
 * Scanner.Next() (two-char operators, `[range]`, durations, bytes, flags) leaves the line
 * number invalidated, so Loki reports it as `line 0`.
 */
import { parsePromDuration, parseLokiDuration, parseBytes } from './units.js';
import { unquoteGo } from './go-strings.js';

export interface LokiToken {
  /** yacc token name, e.g. IDENTIFIER, OPEN_BRACE, RATE, $end. */
  type: string;
  from: number;
  to: number;
  /** False when Loki would report this token at line 0. */
  lineValid: boolean;
}

export interface LokiLexError {
  message: string;
  from: number;
  lineValid: boolean;
}

const operatorTokens: Record<string, string> = {
  ',': 'COMMA', '.': 'DOT', '{': 'OPEN_BRACE', '}': 'CLOSE_BRACE', '=': 'EQ', '!=': 'NEQ', '=~': 'RE', '!~': 'NRE',
  '!>': 'NPA', '|=': 'PIPE_EXACT', '|~': 'PIPE_MATCH', '|>': 'PIPE_PATTERN', '|': 'PIPE', '(': 'OPEN_PARENTHESIS',
  ')': 'CLOSE_PARENTHESIS', '[': 'OPEN_BRACKET', ']': 'CLOSE_BRACKET', '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV',
  '%': 'MOD', '^': 'POW', '==': 'CMP_EQ', '>': 'GT', '>=': 'GTE', '<': 'LT', '<=': 'LTE',
};
const keywordTokens: Record<string, string> = {
  unwrap: 'UNWRAP', by: 'BY', without: 'WITHOUT', bool: 'BOOL', label_replace: 'LABEL_REPLACE', offset: 'OFFSET', on: 'ON',
  ignoring: 'IGNORING', group_left: 'GROUP_LEFT', group_right: 'GROUP_RIGHT', or: 'OR', and: 'AND', unless: 'UNLESS',
  json: 'JSON', regexp: 'REGEXP', logfmt: 'LOGFMT', unpack: 'UNPACK', pattern: 'PATTERN', label_format: 'LABEL_FMT',
  line_format: 'LINE_FMT', ip: 'IP', decolorize: 'DECOLORIZE', drop: 'DROP', keep: 'KEEP',
};
/** Tokens Loki recognises only when followed by `(` (or `by (` / `without (`). */
const functionTokens: Record<string, string> = {
  rate: 'RATE', rate_counter: 'RATE_COUNTER', count_over_time: 'COUNT_OVER_TIME', bytes_rate: 'BYTES_RATE',
  bytes_over_time: 'BYTES_OVER_TIME', avg_over_time: 'AVG_OVER_TIME', sum_over_time: 'SUM_OVER_TIME',
  min_over_time: 'MIN_OVER_TIME', max_over_time: 'MAX_OVER_TIME', stdvar_over_time: 'STDVAR_OVER_TIME',
  stddev_over_time: 'STDDEV_OVER_TIME', quantile_over_time: 'QUANTILE_OVER_TIME', first_over_time: 'FIRST_OVER_TIME',
  last_over_time: 'LAST_OVER_TIME', absent_over_time: 'ABSENT_OVER_TIME', vector: 'VECTOR', sum: 'SUM', avg: 'AVG',
  max: 'MAX', min: 'MIN', count: 'COUNT', stddev: 'STDDEV', stdvar: 'STDVAR', bottomk: 'BOTTOMK', topk: 'TOPK',
  sort: 'SORT', sort_desc: 'SORT_DESC', label_replace: 'LABEL_REPLACE', approx_topk: 'APPROX_TOPK',
  bytes: 'BYTES_CONV', duration: 'DURATION_CONV', duration_seconds: 'DURATION_SECONDS_CONV', ip: 'IP',
};

/** How Loki prints a token in `unexpected X` / `expecting X`: the tokens map's text when it has one. */
const displayNames: Record<string, string> = {};
for (const [text, type] of [...Object.entries(operatorTokens), ...Object.entries(keywordTokens)]) displayNames[type] = text;

export function tokenDisplayName(type: string): string {
  return displayNames[type] ?? type;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && (c === '_' || /\p{L}/u.test(c));
const isDurationRune = (c: string) => 'nuµmshdwy'.includes(c);
const isBytesRune = (c: string) => 'BikKMGTP'.includes(c);

/** isFunction: the next non-space text is `(`, or `by`/`without` then `(`. */
function isFunction(src: string, pos: number): boolean {
  let i = pos;
  while (isSpace(src[i])) i++;
  if (src[i] === '(') return true;
  const m = /^(by|without)/i.exec(src.slice(i, i + 7));
  if (!m) return false;
  i += m[0].length;
  while (isSpace(src[i])) i++;
  return src[i] === '(';
}

/** Go scanner number: decimal/hex/octal/binary ints, floats with exponent, `_` separators. */
function scanNumber(src: string, i: number): number {
  const m = /^(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oObB][0-9_]*|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)/.exec(src.slice(i));
  return i + Math.max(1, m ? m[0].length : 1);
}

/** tryScanDuration / tryScanBytes: extend a number with unit runes when the whole parses. */
function tryUnit(src: string, start: number, end: number, accept: (c: string) => boolean, parse: (s: string) => boolean): number {
  let j = end;
  while (j < src.length && !isSpace(src[j]) && (isDigit(src[j]) || accept(src[j]!) || src[j] === '.')) j++;
  if (j === end || !parse(src.slice(start, j))) return -1;
  return j;
}
const durationOk = (s: string) => parseLokiDuration(s).ok;
const bytesOk = (s: string) => parseBytes(s).ok;

export interface LokiLexResult {
  tokens: LokiToken[];
  /** The first lexer error, at the token where Loki's lexer stops. */
  error: LokiLexError | null;
}

export function lexLoki(src: string): LokiLexResult {
  const tokens: LokiToken[] = [];
  let i = 0;
  const push = (type: string, from: number, to: number, lineValid: boolean) => tokens.push({ type, from, to, lineValid });
  while (true) {
    while (i < src.length) {
      if (isSpace(src[i])) i++;
      else if (src[i] === '#' || src.startsWith('//', i)) while (i < src.length && src[i] !== '\n') i++;
      else if (src.startsWith('/*', i)) {
        const e = src.indexOf('*/', i + 2);
        i = e < 0 ? src.length : e + 2;
      } else break;
    }
    if (i >= src.length) {
      push('$end', src.length, src.length, true);
      return { tokens, error: null };
    }
    const start = i;
    const c = src[i]!;
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      const end = scanNumber(src, i);
      const d = tryUnit(src, start, end, isDurationRune, durationOk);
      if (d > 0) {
        push('DURATION', start, (i = d), false);
        continue;
      }
      const b = tryUnit(src, start, end, isBytesRune, bytesOk);
      if (b > 0) {
        push('BYTES', start, (i = b), false);
        continue;
      }
      push('NUMBER', start, (i = end), true);
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c && !(c === '"' && src[j] === '\n')) j += c === '"' && src[j] === '\\' ? 2 : 1;
      if (j >= src.length || src[j] !== c) return { tokens, error: { message: 'literal not terminated', from: start, lineValid: true } };
      i = j + 1;
      const u = unquoteGo(src.slice(start, i));
      if (!u.ok) return { tokens, error: { message: 'invalid char escape', from: start, lineValid: true } };
      push('STRING', start, i, true);
      continue;
    }
    if (c === '[') {
      const close = src.indexOf(']', i + 1);
      if (close < 0) return { tokens, error: { message: "missing closing ']' in duration", from: start, lineValid: false } };
      const d = parsePromDuration(src.slice(i + 1, close));
      if (!d.ok) return { tokens, error: { message: d.error, from: start, lineValid: false } };
      push('RANGE', start, (i = close + 1), false);
      continue;
    }
    if (c === '-') {
      const flag = /^--[\p{L}-]*/u.exec(src.slice(i));
      if (flag && (flag[0] === '--strict' || flag[0] === '--keep-empty')) {
        push('FUNCTION_FLAG', start, (i += flag[0].length), false);
        continue;
      }
      const d = tryUnit(src, start, i + 1, isDurationRune, durationOk);
      if (d > 0) {
        push('DURATION', start, (i = d), false);
        continue;
      }
    }
    let text = c;
    if (isLetter(c)) {
      let j = i + 1;
      while (j < src.length && (isLetter(src[j]) || isDigit(src[j]))) j++;
      text = src.slice(i, j);
    }
    const after = start + text.length;
    const lower = text.toLowerCase();
    const next = (lower + (src[after] ?? '')).toLowerCase();
    const fnNext = functionTokens[next];
    if (fnNext && isFunction(src, after + 1)) {
      push(fnNext, start, (i = after + 1), false);
      continue;
    }
    const fn = functionTokens[lower];
    if (fn) {
      push(isFunction(src, after) ? fn : 'IDENTIFIER', start, (i = after), true);
      continue;
    }
    const opNext = operatorTokens[next] ?? keywordTokens[next];
    if (opNext && src[after] !== undefined) {
      push(opNext, start, (i = after + 1), false);
      continue;
    }
    push(operatorTokens[lower] ?? keywordTokens[lower] ?? 'IDENTIFIER', start, (i = after), true);
  }
}

/** 1-based line and column (in code points) of an offset, as Go's scanner counts them. */
export function lineCol(src: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = src.indexOf('\n'); k >= 0 && k < offset; k = src.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, col: Array.from(src.slice(lineStart, offset)).length + 1 };
}

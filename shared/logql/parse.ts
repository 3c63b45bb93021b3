/**
 * parseLogql: LogQL text → typed AST (ast.ts) or a Loki-worded error.
 *
 * Pipeline: Loki-like lexer (token names, lexer errors) → our extension of the
 * @grafana/lezer-logql grammar (grammar/logql.grammar) in strict mode (where does the parse
 * stop?) → tree → AST (build-*.ts) → validation (validate.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Expr, LogqlError, ParseResult } from './ast.js';
import { buildExpr } from './build-metric.js';
import { parser } from './grammar/parser.js';
import { lexLoki, type LokiToken } from './loki-lexer.js';
import { failingTokenIndex, lexError, syntaxError } from './syntax-errors.js';
import { TreeShapeError, type BuildContext } from './tree.js';
import { validateExpr, type ValidateOptions } from './validate.js';

export type ParseOptions = ValidateOptions;

/** Loki refuses queries of 128 KiB and more (maxInputSize). */
export const MAX_INPUT_BYTES = 131072;
/** Nesting beyond this is refused with a clear error instead of risking the call stack. */
export const MAX_NESTING_DEPTH = 256;

const strictParser = parser.configure({ strict: true });

type Attempt = { ok: true; top: SyntaxNode } | { ok: false; failAt: number };

function attempt(src: string): Attempt {
  try {
    return { ok: true, top: strictParser.parse(src).topNode };
  } catch (e) {
    const m = /No parse at (\d+)/.exec(e instanceof Error ? e.message : '');
    if (!m) throw e;
    return { ok: false, failAt: Number(m[1]) };
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

function nestingError(src: string, tokens: LokiToken[]): LogqlError | null {
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'OPEN_PARENTHESIS' || t.type === 'OPEN_BRACE') depth++;
    else if (t.type === 'CLOSE_PARENTHESIS' || t.type === 'CLOSE_BRACE') depth--;
    if (depth > MAX_NESTING_DEPTH) {
      return { message: `parse error : expression nested too deeply (more than ${MAX_NESTING_DEPTH} levels of parentheses)`, span: { from: t.from, to: src.length } };
    }
  }
  return null;
}

export function parseLogql(query: string, options: ParseOptions = {}): ParseResult {
  const size = utf8Length(query);
  if (size >= MAX_INPUT_BYTES) {
    return { ok: false, error: { message: `parse error : input size too long (${size} > ${MAX_INPUT_BYTES})`, span: { from: 0, to: query.length } } };
  }
  const lex = lexLoki(query);
  const tooDeep = nestingError(query, lex.tokens);
  if (tooDeep) return { ok: false, error: tooDeep };

  const result = attempt(query);
  if (!result.ok) {
    // Loki reads tokens one at a time: a lexer error before (or at) the token where the
    // grammar stops comes first. k < 0: Loki's lexer stopped before that point.
    const k = failingTokenIndex(lex.tokens, result.failAt);
    if (lex.error && (k < 0 || lex.error.from <= lex.tokens[k]!.from)) return { ok: false, error: lexError(query, lex.error) };
    return { ok: false, error: syntaxError(query, lex.tokens, Math.max(0, k)) };
  }
  if (lex.error) return { ok: false, error: lexError(query, lex.error) };

  const ctx: BuildContext = { src: query };
  let expr: Expr;
  try {
    expr = buildExpr(ctx, result.top);
  } catch (e) {
    if (e instanceof TreeShapeError) return { ok: false, error: { message: `parse error : ${e.message}`, span: { from: 0, to: query.length } } };
    throw e;
  }
  const invalid = validateExpr(expr, query, options);
  return invalid ? { ok: false, error: invalid } : { ok: true, expr };
}

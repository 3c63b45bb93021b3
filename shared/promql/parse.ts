/**
 * Parses PromQL with our copy of the upstream lezer grammar (grammar/promql.grammar) into the typed
 * AST, then type-checks it as Prometheus' parser does. Errors carry Prometheus' wording and a
 * position; the result never throws.
 */
import { parser } from './grammar/parser.js';
import type { Expr } from './ast.js';
import { Builder } from './build.js';
import { checkAst } from './check.js';
import { PromqlParseError } from './errors.js';
import { FUNCTIONS } from './functions.js';
import { lexerError, unknownFunction } from './lex-errors.js';
import { firstError, lineCol } from './tree.js';

/** Keywords a `(` may follow: `sum(`, `by (`, `on(`… are no unknown functions. */
const AGGREGATIONS = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'atan2', 'offset',
]);

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: { message: string; start: number; end: number } };

export function parsePromql(text: string): ParseResult {
  try {
    if (!text.trim()) throw new PromqlParseError('no expression found in input', { start: 0, end: 0 }, text);
    const tree = parser.parse(text);
    const top = tree.topNode;
    const err = firstError(top);
    if (err) {
      const lexed = lexerError(text);
      if (lexed && lexed.at <= err.from) throw new PromqlParseError(lexed.message, { start: lexed.pos, end: lexed.pos }, text);
      const unknown = unknownFunction(text, err.from, (name) => name in FUNCTIONS || AGGREGATIONS.has(name.toLowerCase()));
      if (unknown) throw new PromqlParseError(unknown.message, { start: unknown.pos, end: err.from }, text);
      const found = text.slice(err.from, Math.max(err.to, err.from + 1)).trim();
      const detail = found ? `unexpected ${JSON.stringify(found)}` : 'unexpected end of input';
      throw new PromqlParseError(detail, { start: err.from, end: err.to }, text);
    }
    const expr = new Builder(text).expr(top.firstChild!);
    checkAst(expr, text);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof PromqlParseError) return { ok: false, error: { message: e.message, start: e.span.start, end: e.span.end } };
    throw e;
  }
}

export { lineCol };

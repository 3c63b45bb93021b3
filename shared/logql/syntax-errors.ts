/**
 * Loki-worded syntax errors. Lezer tells us where the parse stopped; the Loki-like lexer
 * names the token there (`unexpected IDENTIFIER`) and gives Loki's line/column. yacc adds
 * `, expecting A or B` only when its parse state shifts at most four tokens; we add it for
 * the contexts where Loki's grammar (syntax.y) leaves exactly such a small set, derived
 * from the tokens before the error — never from the query text as a whole.
 */
import type { LogqlError } from './ast.js';
import { lineCol, tokenDisplayName, type LokiLexError, type LokiToken } from './loki-lexer.js';

/** yacc token numbering (syntaxToknames order): `expecting` lists follow it. */
const tokenOrder = (
  'BYTES IDENTIFIER STRING NUMBER FUNCTION_FLAG DURATION RANGE MATCHERS LABELS EQ RE NRE NPA OPEN_BRACE CLOSE_BRACE ' +
  'OPEN_BRACKET CLOSE_BRACKET COMMA DOT PIPE_MATCH PIPE_EXACT PIPE_PATTERN OPEN_PARENTHESIS CLOSE_PARENTHESIS BY WITHOUT ' +
  'COUNT_OVER_TIME RATE RATE_COUNTER SUM SORT SORT_DESC AVG MAX MIN COUNT STDDEV STDVAR BOTTOMK TOPK APPROX_TOPK ' +
  'BYTES_OVER_TIME BYTES_RATE BOOL JSON REGEXP LOGFMT PIPE LINE_FMT LABEL_FMT UNWRAP AVG_OVER_TIME SUM_OVER_TIME ' +
  'MIN_OVER_TIME MAX_OVER_TIME STDVAR_OVER_TIME STDDEV_OVER_TIME QUANTILE_OVER_TIME BYTES_CONV DURATION_CONV ' +
  'DURATION_SECONDS_CONV FIRST_OVER_TIME LAST_OVER_TIME ABSENT_OVER_TIME VECTOR LABEL_REPLACE UNPACK OFFSET PATTERN IP ' +
  'ON IGNORING GROUP_LEFT GROUP_RIGHT DECOLORIZE DROP KEEP OR AND UNLESS CMP_EQ NEQ LT LTE GT GTE ADD SUB MUL DIV MOD POW'
).split(' ');

const rangeOps = new Set(
  'COUNT_OVER_TIME RATE RATE_COUNTER BYTES_OVER_TIME BYTES_RATE AVG_OVER_TIME SUM_OVER_TIME MIN_OVER_TIME MAX_OVER_TIME STDVAR_OVER_TIME STDDEV_OVER_TIME QUANTILE_OVER_TIME FIRST_OVER_TIME LAST_OVER_TIME ABSENT_OVER_TIME'.split(' '),
);
const vectorOps = new Set('SUM SORT SORT_DESC AVG MAX MIN COUNT STDDEV STDVAR BOTTOMK TOPK APPROX_TOPK'.split(' '));
const convOps = new Set(['BYTES_CONV', 'DURATION_CONV', 'DURATION_SECONDS_CONV']);
const lineFilterOps = new Set(['PIPE_EXACT', 'PIPE_MATCH', 'PIPE_PATTERN', 'NRE', 'NEQ', 'NPA']);
const matchOps = new Set(['EQ', 'NEQ', 'RE', 'NRE']);
const groupingKeywords = new Set(['BY', 'WITHOUT', 'ON', 'IGNORING', 'GROUP_LEFT', 'GROUP_RIGHT']);
/** Tokens after which a `+`/`-` can only start a signed literal. */
const beforeUnary = new Set(['OPEN_PARENTHESIS', 'COMMA', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'CMP_EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'AND', 'OR', 'UNLESS', 'BOOL', 'EQ']);
/** Tokens that end a log stage, after which `!=` / `|=` starts a line filter. */
const endsStage = new Set(['CLOSE_BRACE', 'STRING', 'JSON', 'LOGFMT', 'UNPACK', 'DECOLORIZE', 'FUNCTION_FLAG']);

/** Is token k inside the `{…}` of a selector? */
function insideSelector(toks: LokiToken[], k: number): boolean {
  for (let i = k - 1; i >= 0; i--) {
    const t = toks[i]!.type;
    if (t === 'CLOSE_BRACE') return false;
    if (t === 'OPEN_BRACE') return true;
  }
  return false;
}

/** The stage keyword after the last `|` before token k (DROP, KEEP, LABEL_FMT…), if any. */
function currentStage(toks: LokiToken[], k: number): string | undefined {
  for (let i = k - 1; i >= 0; i--) if (toks[i]!.type === 'PIPE') return toks[i + 1]?.type;
  return undefined;
}

/** Is token k in the parameter list of `| json a, b="c"` / `| logfmt --strict a, …`? */
function inParserParameters(toks: LokiToken[], k: number): boolean {
  let i = k - 1;
  while (i >= 0 && ['IDENTIFIER', 'EQ', 'STRING', 'COMMA', 'FUNCTION_FLAG'].includes(toks[i]!.type)) i--;
  return (toks[i]?.type === 'JSON' || toks[i]?.type === 'LOGFMT') && toks[i - 1]?.type === 'PIPE';
}

/** When token k follows `by (a, b` / `on (` …: the grouping keyword. */
function groupingOpen(toks: LokiToken[], k: number): string | undefined {
  let i = k - 1;
  while (i >= 0 && (toks[i]!.type === 'IDENTIFIER' || toks[i]!.type === 'COMMA')) i--;
  if (toks[i]?.type !== 'OPEN_PARENTHESIS') return undefined;
  const kw = toks[i - 1]?.type;
  return kw && groupingKeywords.has(kw) ? kw : undefined;
}

function expected(toks: LokiToken[], k: number): string[] | null {
  const p = (n: number) => toks[k - n]?.type;
  const p1 = p(1);
  const p2 = p(2);
  if (p1 === undefined) return null;
  if (p1 === 'OPEN_BRACE') return ['IDENTIFIER', 'CLOSE_BRACE'];
  if (insideSelector(toks, k)) {
    if (p1 === 'COMMA') return ['IDENTIFIER'];
    if (p1 === 'IDENTIFIER') return ['EQ', 'RE', 'NRE', 'NEQ'];
    if (matchOps.has(p1)) return ['STRING'];
    if (p1 === 'STRING') return ['CLOSE_BRACE', 'COMMA'];
    return null;
  }
  const stage = currentStage(toks, k);
  if (lineFilterOps.has(p1) && (p2 === undefined || endsStage.has(p2) || (p2 === 'CLOSE_PARENTHESIS' && p(5) === 'IP'))) return ['STRING', 'IP'];
  if (p1 === 'OR' && p2 === 'STRING' && (lineFilterOps.has(p(3) ?? '') || p(3) === 'OR') && stage !== 'LABEL_FMT') return ['STRING', 'IP'];
  if (p1 === 'DROP' || p1 === 'KEEP' || p1 === 'LABEL_FMT') return ['IDENTIFIER'];
  if (p1 === 'COMMA' && (stage === 'DROP' || stage === 'KEEP' || stage === 'LABEL_FMT')) return ['IDENTIFIER'];
  if (p1 === 'COMMA' && inParserParameters(toks, k)) return ['IDENTIFIER'];
  if (stage === 'LABEL_FMT' && p1 === 'IDENTIFIER' && (p2 === 'LABEL_FMT' || p2 === 'COMMA')) return ['EQ'];
  if (stage === 'LABEL_FMT' && p1 === 'EQ') return ['IDENTIFIER', 'STRING'];
  if ((p1 === 'ADD' || p1 === 'SUB') && (p2 === undefined || beforeUnary.has(p2))) return ['NUMBER'];
  if (p1 === 'REGEXP' || p1 === 'PATTERN' || p1 === 'LINE_FMT') return ['STRING'];
  if (p1 === 'IP' || p1 === 'VECTOR' || p1 === 'LABEL_REPLACE' || p1 === 'BY' || p1 === 'WITHOUT' || p1 === 'ON' || p1 === 'IGNORING') return ['OPEN_PARENTHESIS'];
  if (rangeOps.has(p1) || convOps.has(p1)) return ['OPEN_PARENTHESIS'];
  if (p1 === 'OPEN_PARENTHESIS') {
    if (p2 === 'IP') return ['STRING'];
    if (p2 === 'VECTOR') return ['NUMBER'];
    if (p2 && convOps.has(p2)) return ['IDENTIFIER'];
    if (p2 && rangeOps.has(p2)) return ['NUMBER', 'OPEN_BRACE', 'OPEN_PARENTHESIS'];
  }
  if (p1 === 'STRING' && p2 === 'OPEN_PARENTHESIS' && p(3) === 'IP') return ['CLOSE_PARENTHESIS'];
  if (p1 === 'NUMBER' && p2 === 'OPEN_PARENTHESIS' && p(3) === 'VECTOR') return ['CLOSE_PARENTHESIS'];
  if (p1 === 'IDENTIFIER' && p2 === 'OPEN_PARENTHESIS' && convOps.has(p(3) ?? '')) return ['CLOSE_PARENTHESIS'];
  if (p1 === 'OFFSET') return ['DURATION'];
  if (p1 === 'UNWRAP') return ['IDENTIFIER', 'BYTES_CONV', 'DURATION_CONV', 'DURATION_SECONDS_CONV'];
  // `| unwrap x` / `| unwrap bytes(x)` before the range: the range or another `|` must follow.
  const unwrapEnd = (p1 === 'IDENTIFIER' && p2 === 'UNWRAP') || (p1 === 'CLOSE_PARENTHESIS' && p(3) === 'OPEN_PARENTHESIS' && convOps.has(p(4) ?? '') && p(5) === 'UNWRAP');
  if (unwrapEnd && !hasRangeSinceAggregation(toks, k)) return ['RANGE', 'PIPE'];
  // `sum by (a)` must be followed by the aggregated expression's `(`.
  if (p1 === 'CLOSE_PARENTHESIS') {
    let i = k - 2;
    while (i >= 0 && (toks[i]!.type === 'IDENTIFIER' || toks[i]!.type === 'COMMA')) i--;
    const kw = toks[i - 1]?.type;
    if (toks[i]?.type === 'OPEN_PARENTHESIS' && (kw === 'BY' || kw === 'WITHOUT') && vectorOps.has(toks[i - 2]?.type ?? '')) return ['OPEN_PARENTHESIS'];
  }
  const grouping = groupingOpen(toks, k);
  if (grouping) return p1 === 'OPEN_PARENTHESIS' ? ['IDENTIFIER', 'CLOSE_PARENTHESIS'] : p1 === 'IDENTIFIER' ? ['COMMA', 'CLOSE_PARENTHESIS'] : ['IDENTIFIER'];
  return null;
}

/** Whether a `[range]` was already written inside the current range aggregation's parentheses. */
function hasRangeSinceAggregation(toks: LokiToken[], k: number): boolean {
  for (let i = k - 1; i >= 0; i--) {
    const t = toks[i]!.type;
    if (t === 'RANGE') return true;
    if (rangeOps.has(t) || vectorOps.has(t)) return false;
  }
  return false;
}

function position(src: string, offset: number, lineValid: boolean): string {
  const { line, col } = lineCol(src, offset);
  return `parse error at line ${lineValid ? line : 0}, col ${col}`;
}

/** The token Loki's parser would be looking at when the parse stops at `failOffset`. */
export function failingTokenIndex(toks: LokiToken[], failOffset: number): number {
  return toks.findIndex((t) => t.to > failOffset || t.type === '$end');
}

export function syntaxError(src: string, toks: LokiToken[], k: number): LogqlError {
  const tok = toks[k]!;
  const exp = expected(toks, k);
  const sorted = exp ? [...exp].sort((a, b) => tokenOrder.indexOf(a) - tokenOrder.indexOf(b)) : [];
  const expecting = sorted.length ? `, expecting ${sorted.map(tokenDisplayName).join(' or ')}` : '';
  const message = `${position(src, tok.from, tok.lineValid)}: syntax error: unexpected ${tokenDisplayName(tok.type)}${expecting}`;
  return { message, span: { from: tok.from, to: Math.max(tok.to, tok.from) } };
}

export function lexError(src: string, err: LokiLexError): LogqlError {
  return { message: `${position(src, err.from, err.lineValid)}: ${err.message}`, span: { from: err.from, to: src.length } };
}

import type { MatchOp } from './logql-situation';
import { escapeRegex, findAll, goQuote, parseLogql } from './logql-tree';

/**
 * Where a new pipeline stage goes in each log expression of the query: after its last stage
 * (or after the selector), before any `| unwrap`, `[range]` or `offset`. From tree positions,
 * so strings containing `|` or `}` cannot fool it (Grafana's modifyQuery does the same).
 */
export function pipelineEnds(query: string): number[] {
  const ends: number[] = [];
  for (const expr of findAll(parseLogql(query), 'LogExpr', 'LogRangeExpr')) {
    const selector = expr.getChild('Selector');
    if (!selector) continue;
    const pipeline = expr.getChild('PipelineExpr');
    ends.push(pipeline ? pipeline.to : selector.to);
  }
  return ends;
}

/** Splices `text` at every pipeline end (right to left, so earlier positions stay valid). */
export function appendStage(query: string, stage: string): string | null {
  const ends = pipelineEnds(query);
  if (ends.length === 0) return null;
  let out = query;
  for (const at of [...ends].sort((a, b) => b - a)) out = `${out.slice(0, at)} ${stage}${out.slice(at)}`;
  return out;
}

/** `| name="value"` added at the end of each pipeline; null when the query has no selector. */
export function addLabelFilter(query: string, name: string, value: string, op: MatchOp = '='): string | null {
  const literal = goQuote(op === '=~' || op === '!~' ? `^${escapeRegex(value)}$` : value);
  return appendStage(query, `| ${name}${op}${literal}`);
}

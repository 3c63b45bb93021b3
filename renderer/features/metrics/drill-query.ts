import type { SyntaxNode } from '@lezer/common';
import { parsePromDuration } from '../../../shared/logql/units';
import { childrenOf, findAll, hasError, parseLogql } from '../../editor/logql-tree';

/** The lines behind a metric query: one range aggregation's log query and its window. */
export interface DrillTarget {
  /** Its selector and pipeline, as the user wrote them; no unwrap, range or offset. */
  query: string;
  rangeMs: number;
  offsetMs: number;
  /** The range aggregation it came from, to tell targets apart when there are several. */
  source: string;
}

export type QueryKind = 'log' | 'metric';

/** 'log' or 'metric' from the tree (when `logql.check` could not say); null when unparsable. */
export function queryKindOf(query: string): QueryKind | null {
  const tree = parseLogql(query);
  if (hasError(tree)) return null;
  const top = tree.topNode.firstChild?.firstChild;
  return top?.name === 'MetricExpr' ? 'metric' : top?.name === 'LogExpr' ? 'log' : null;
}

const durationMs = (text: string): number => {
  const d = parsePromDuration(text);
  return d.ok ? d.value / 1e6 : NaN;
};

function targetOf(query: string, agg: SyntaxNode): DrillTarget | null {
  const range = childrenOf(agg, 'LogRangeExpr')[0];
  if (!range) return null;
  const part = (name: string): SyntaxNode | undefined => childrenOf(range, name)[0];
  const selector = part('Selector');
  const duration = part('Range')?.getChild('Duration');
  if (!selector || !duration) return null;
  // Selector then pipeline, wherever the pipeline sits (Loki also accepts it after [range]);
  // UnwrapExpr (with its post-unwrap filters) is about sample values, so it is left out.
  const pipeline = part('PipelineExpr');
  const text = (n: SyntaxNode): string => query.slice(n.from, n.to);
  const offset = part('OffsetExpr')?.getChild('Duration');
  return {
    query: pipeline ? `${text(selector)} ${text(pipeline)}` : text(selector),
    rangeMs: durationMs(text(duration)),
    offsetMs: offset ? durationMs(text(offset)) : 0,
    source: text(agg),
  };
}

/**
 * The log queries behind a metric query, one per range aggregation in document order
 * (`rate(A[1m]) / rate(B[1m])` offers A and B), duplicates merged. Empty for a log query,
 * an unparsable one, or one without range aggregations (`vector(1)`).
 */
export function logQueriesBehind(query: string): DrillTarget[] {
  const tree = parseLogql(query);
  if (hasError(tree)) return [];
  const out: DrillTarget[] = [];
  const seen = new Set<string>();
  for (const agg of findAll(tree, 'RangeAggregationExpr')) {
    const t = targetOf(query, agg);
    const key = t && JSON.stringify([t.query, t.rangeMs, t.offsetMs]);
    if (!t || !key || seen.has(key) || !Number.isFinite(t.rangeMs)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/**
 * The window of lines a range aggregation read for its value at t: Loki takes
 * (t - offset - range, t - offset]; `logql.query` takes [start, end) in ms, so the end moves
 * one ms on to keep a line stamped exactly at t - offset.
 */
export function drillWindow(target: Pick<DrillTarget, 'rangeMs' | 'offsetMs'>, t: number): { start: number; end: number } {
  const end = t - target.offsetMs;
  return { start: end - target.rangeMs, end: end + 1 };
}

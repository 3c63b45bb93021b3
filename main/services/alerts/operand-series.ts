/**
 * What a comparison rule compares: for `expr > 1` the series of `expr` over the back-test grid
 * and the threshold 1. The rule's own result only exists where the comparison held; a chart of
 * the operand shows how close it came, and the counter-threshold trap at a glance (a line that
 * only climbs past the threshold).
 */
import type { BacktestGroup } from '../../../shared/contract/alerts';
import type { Expr } from '../../../shared/promql/ast';
import { parsePromql } from '../../../shared/promql/parse';
import type { PromqlEngine } from '../../engines/promql/engine';

const COMPARISONS = new Set(['>', '>=', '<', '<=', '==', '!=']);
/** The flipped operator when the number is on the left (`1 < x` is `x > 1`). */
const FLIP: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };

function numberOf(e: Expr): number | null {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'paren') return numberOf(e.expr);
  if (e.kind === 'unary') {
    const v = numberOf(e.expr);
    return v === null ? null : e.op === '-' ? -v : v;
  }
  return null;
}

/** The compared expression, operator and threshold of a rule, or null when it is no such comparison. */
export function comparisonOf(expr: string): { expr: string; op: string; threshold: number } | null {
  const p = parsePromql(expr);
  if (!p.ok) return null;
  let e = p.expr;
  while (e.kind === 'paren') e = e.expr;
  if (e.kind !== 'binary' || !COMPARISONS.has(e.op) || e.returnBool) return null;
  const right = numberOf(e.right);
  if (right !== null && numberOf(e.left) === null) return { expr: expr.slice(e.left.span.start, e.left.span.end), op: e.op, threshold: right };
  const left = numberOf(e.left);
  if (left !== null && numberOf(e.right) === null) return { expr: expr.slice(e.right.span.start, e.right.span.end), op: FLIP[e.op]!, threshold: left };
  return null;
}

export function operandSeries(
  engine: PromqlEngine,
  rules: readonly { name: string; expr: string }[],
  grid: { startMs: number; endMs: number; intervalMs: number },
  limits: { maxSteps: number; maxSeries: number; maxPoints: number },
): NonNullable<BacktestGroup['operands']> {
  const out: NonNullable<BacktestGroup['operands']> = [];
  for (const r of rules) {
    const c = comparisonOf(r.expr);
    if (!c) continue;
    const series = new Map<string, { labels: Record<string, string>; points: [number, number][] }>();
    for (let from = grid.startMs; from <= grid.endMs; from += limits.maxSteps * grid.intervalMs) {
      const q = engine.rangeQuery(c.expr, from, Math.min(grid.endMs, from + (limits.maxSteps - 1) * grid.intervalMs), grid.intervalMs);
      if (!q.ok || q.value.resultType !== 'matrix') break;
      for (const s of q.value.result) {
        const key = JSON.stringify(Object.entries(s.metric).sort());
        let entry = series.get(key);
        if (!entry) {
          if (series.size >= limits.maxSeries) continue;
          series.set(key, (entry = { labels: s.metric, points: [] }));
        }
        for (const v of s.values) entry.points.push([v.t, v.value]);
      }
    }
    const thinned = [...series.values()].map((s) => {
      if (s.points.length <= limits.maxPoints) return s;
      const every = Math.ceil(s.points.length / limits.maxPoints);
      return { ...s, points: s.points.filter((_, i) => i % every === 0) };
    });
    out.push({ rule: r.name, ...c, series: thinned });
  }
  return out;
}

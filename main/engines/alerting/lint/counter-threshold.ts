// The seed's trap: a counter compared to a threshold. A counter only grows (until the process
// exposing it restarts, or Promtail drops the idle series), so `errors_total > 1` becomes true
// at the second error and stays true: the alert fires and does not resolve when errors stop.
// What is meant is "errors happened recently": compare the counter's increase over a window.

import type { BinaryExpr, Expr } from '../../../../shared/promql/ast';
import { metricKind } from './counter-names';
import { durationText, exprFix, type ExprEdit } from './fix';
import { selectorName, walkPromql } from './promql-walk';
import type { Finding, Lint, LintInput } from './types';

const COMPARISONS = new Set(['>', '>=', '<', '<=', '==']);
/** Aggregations that keep a counter's meaning (a sum of counters is a counter). */
const KEEPING = new Set(['sum', 'min', 'max', 'avg']);

/** The counter selector an operand reduces to, through parentheses and sum/min/max/avg. */
function counterOperand(e: Expr): Expr | null {
  if (e.kind === 'paren') return counterOperand(e.expr);
  if (e.kind === 'aggregate' && KEEPING.has(e.op)) return counterOperand(e.expr);
  return e.kind === 'vectorSelector' ? e : null;
}

const isNumber = (e: Expr): boolean => e.kind === 'number' || (e.kind === 'paren' && isNumber(e.expr)) || (e.kind === 'unary' && isNumber(e.expr));

/** A window of at least 5m and at least five evaluation intervals, so a few scrapes always fall in it. */
export function windowFor(intervalMs: number): string {
  return durationText(Math.max(5 * 60_000, 5 * intervalMs));
}

function check(input: LintInput): Finding[] {
  const { parsed, exprNode } = input;
  if (!parsed || parsed.language !== 'promql' || !exprNode) return [];
  const text = exprNode.value;
  const out: Finding[] = [];
  walkPromql(parsed.expr, (n) => {
    if (n.kind !== 'binary' || !COMPARISONS.has(n.op)) return;
    for (const [side, other] of [[n.left, n.right], [n.right, n.left]] as const) {
      if (side === other) continue;
      const sel = counterOperand(side);
      const name = sel ? selectorName(sel) : undefined;
      if (!sel || !name || !isNumber(other)) continue;
      const kind = metricKind(name, input.metricTypes);
      if (kind.kind !== 'counter') continue;
      const range = windowFor(input.intervalMs);
      const selText = text.slice(sel.span.start, sel.span.end);
      const edits: ExprEdit[] = [{ from: sel.span.start, to: sel.span.end, text: `increase(${selText}[${range}])` }];
      // "More than N so far" meant "some happened": any increase in the window.
      const onLeft = side === n.left;
      const above = onLeft ? n.op === '>' || n.op === '>=' : n.op === '<' || n.op === '<=';
      if (above) edits.push(thresholdEdit(n, onLeft));
      const cmp = text.slice(n.span.start, n.span.end);
      const why = kind.known ? 'the pipeline declares it a counter' : 'its name says it is a counter';
      out.push({
        code: 'counter-threshold',
        severity: 'warning',
        message: `${name} is a counter (${why}): it only grows, so once "${cmp}" holds it keeps holding and the alert never resolves — until the series is dropped or reset (Promtail drops a metrics-stage series idle for max_idle_duration, 5m by default). Compare its increase over a window instead, e.g. increase(${selText}[${range}])`,
        ...exprNode.span(n.span.start, n.span.end),
        fix: exprFix(input.text, exprNode, input.rule, `Compare increase(${name}[${range}]) instead`, edits),
      });
    }
  });
  return out;
}

/** `X > 1` → `X > 0` (and `1 < X` → `0 < X`): the operator and literal, rewritten in place. */
function thresholdEdit(n: BinaryExpr, counterOnLeft: boolean): ExprEdit {
  return counterOnLeft ? { from: n.opSpan.start, to: n.right.span.end, text: '> 0' } : { from: n.left.span.start, to: n.opSpan.end, text: '0 <' };
}

export const counterThreshold: Lint = { code: 'counter-threshold', summary: 'a counter compared to a threshold never resolves', check };

// Visiting a PromQL AST with each node's ancestors, so a lint can ask "is this selector inside
// a rate()?" or "which comparison is this the operand of?".

import type { Expr } from '../../../../shared/promql/ast';

export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'matrixSelector':
      return [e.vector];
    case 'subquery':
    case 'paren':
    case 'unary':
      return [e.expr];
    case 'binary':
      return [e.left, e.right];
    case 'aggregate':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Depth-first, parents before children; `ancestors` ends with the direct parent. */
export function walkPromql(e: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void, ancestors: Expr[] = []): void {
  visit(e, ancestors);
  ancestors.push(e);
  for (const c of children(e)) walkPromql(c, visit, ancestors);
  ancestors.pop();
}

/** The metric name a selector picks: its name, or an equality matcher on __name__. */
export function selectorName(e: Expr): string | undefined {
  if (e.kind !== 'vectorSelector') return undefined;
  return e.name ?? e.matchers.find((m) => m.name === '__name__' && m.type === '=')?.value;
}

/**
 * A generic walker over the LogQL AST, for completion, the engine and validation. Visits
 * every expression, stage and label filter in source order (children before the next
 * sibling); `enter` returning false skips a node's children.
 */
import type { Expr, LabelFilterExpr, LogQueryExpr, LogRangeExpr, MetricExpr, PipelineStage } from './ast.js';

export type AstNode = Expr | LogRangeExpr | PipelineStage | LabelFilterExpr;

export interface Visitor {
  enter?(node: AstNode, parent: AstNode | null): boolean | void;
  leave?(node: AstNode, parent: AstNode | null): void;
}

export function childrenOf(node: AstNode): AstNode[] {
  switch (node.kind) {
    case 'logQuery':
      return (node as LogQueryExpr).stages;
    case 'logRange': {
      const r = node as LogRangeExpr;
      return [r.query, ...(r.unwrap?.postFilters ?? [])];
    }
    case 'rangeAggregation':
      return [node.range];
    case 'vectorAggregation':
    case 'labelReplace':
      return [(node as { expr: MetricExpr }).expr];
    case 'binary':
      return [node.left, node.right];
    case 'labelFilter':
      return [node.filter];
    case 'and':
    case 'or': {
      const f = node as Extract<LabelFilterExpr, { kind: 'and' | 'or' }>;
      return [f.left, f.right];
    }
    default:
      return [];
  }
}

/** Iterative (explicit stack) so that deep trees cannot overflow the call stack. */
export function walk(root: AstNode, visitor: Visitor): void {
  const stack: { node: AstNode; parent: AstNode | null; left: boolean }[] = [{ node: root, parent: null, left: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (top.left) {
      visitor.leave?.(top.node, top.parent);
      continue;
    }
    const descend = visitor.enter?.(top.node, top.parent) !== false;
    stack.push({ ...top, left: true });
    if (!descend) continue;
    const kids = childrenOf(top.node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: top.node, left: false });
  }
}

/** Every node of a kind, in source order. */
export function collect<K extends AstNode['kind']>(root: AstNode, kind: K): Extract<AstNode, { kind: K }>[] {
  const out: Extract<AstNode, { kind: K }>[] = [];
  walk(root, { enter: (n) => void (n.kind === kind && out.push(n as Extract<AstNode, { kind: K }>)) });
  return out;
}

/**
 * Small helpers over the lezer syntax tree, and the context the tree → AST builders share.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from './ast.js';
import { unquoteGo } from './go-strings.js';

export interface BuildContext {
  /** The query text lezer parsed. */
  src: string;
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function child(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

export function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  return children(node).filter((c) => c.name === name);
}

export function text(ctx: BuildContext, node: SyntaxNode): string {
  return ctx.src.slice(node.from, node.to);
}

export function span(node: { from: number; to: number }): Span {
  return { from: node.from, to: node.to };
}

export function spanOf(a: { from: number }, b: { to: number }): Span {
  return { from: a.from, to: b.to };
}

/** A String node's Go value (the Loki lexer already vetted it; invalid ones decode to ''). */
export function stringValue(ctx: BuildContext, node: SyntaxNode): string {
  const r = unquoteGo(text(ctx, node));
  return r.ok ? r.value : '';
}

/** Thrown when the tree does not have the shape the grammar promises (should not happen). */
export class TreeShapeError extends Error {}

export function required(node: SyntaxNode | null, what: string): SyntaxNode {
  if (!node) throw new TreeShapeError(`missing ${what}`);
  return node;
}

/**
 * Shift-reduce re-association of a flat `operand (op operand)*` sequence, the way a yacc
 * parser resolves it with its precedence table. Lezer's own binary precedence for LogQL
 * differs from Loki's, so we rebuild the tree from the flattened operands.
 */
export function reassociate<T, O>(operands: T[], ops: O[], shouldReduce: (top: O, next: O) => boolean, make: (op: O, l: T, r: T) => T): T {
  const vals: T[] = [operands[0]!];
  const stack: O[] = [];
  const reduce = () => {
    const r = vals.pop()!;
    const l = vals.pop()!;
    vals.push(make(stack.pop()!, l, r));
  };
  ops.forEach((op, i) => {
    while (stack.length && shouldReduce(stack[stack.length - 1]!, op)) reduce();
    stack.push(op);
    vals.push(operands[i + 1]!);
  });
  while (stack.length) reduce();
  return vals[0]!;
}

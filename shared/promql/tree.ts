/** Small helpers over the lezer syntax tree (our copy of the upstream lezer-promql grammar, grammar/promql.grammar). */
import type { SyntaxNode } from '@lezer/common';

export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function firstError(node: SyntaxNode): SyntaxNode | null {
  if (node.type.isError) return node;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const e = firstError(c);
    if (e) return e;
  }
  return null;
}

/** Go-style "line:col" (1-based, column in characters) of an offset, as Prometheus' PositionRange prints. */
export function lineCol(text: string, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

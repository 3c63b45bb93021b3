import { parser } from '../../shared/logql/grammar/parser';
import { quoteGo } from '../../shared/logql/go-strings';
import type { SyntaxNode, Tree } from '@lezer/common';

/** [from, to) in the query text (UTF-16 offsets, as Monaco's model offsets). */
export interface Span {
  from: number;
  to: number;
}

/**
 * The one LogQL parse the editor uses: the extended copy of the upstream grammar (shared/logql/grammar) (DESIGN.md: never a hand-written
 * one). Lezer recovers from errors, so a half-typed query still gives a tree to reason on.
 */
export function parseLogql(query: string): Tree {
  return parser.parse(query);
}

/** The nearest ancestor (or the node itself) with one of the names. */
export function ancestor(node: SyntaxNode | null, ...names: string[]): SyntaxNode | null {
  for (let n = node; n; n = n.parent) if (names.includes(n.name)) return n;
  return null;
}

/** Direct children with one of the names (error nodes included when '⚠' is asked for). */
export function childrenOf(node: SyntaxNode, ...names: string[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (names.includes(c.name)) out.push(c);
  return out;
}

/** Every node with one of the names, outermost first, in document order. */
export function findAll(tree: Tree, ...names: string[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (names.includes(ref.name)) out.push(ref.node);
    },
  });
  return out;
}

export function hasError(tree: Tree): boolean {
  let bad = false;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) bad = true;
      return !bad;
    },
  });
  return bad;
}

/** A Go double-quoted string literal, as Loki's parser reads it back. */
export const goQuote = (value: string): string => quoteGo(value);

/** RE2 metacharacters escaped, so a value used with =~ matches itself only. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** The text of a string literal node without its quotes ("…" or `…`); escapes resolved for "…". */
export function stringValue(text: string): string {
  if (text.startsWith('`')) return text.replace(/^`|`$/g, '');
  const body = text.replace(/^"/, '').replace(/"$/, '');
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

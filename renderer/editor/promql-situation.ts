/**
 * Where the cursor is, in PromQL terms (as Prometheus' codemirror-promql analyses its lezer
 * tree): completion is a pure function of this. Built on the one PromQL grammar
 * (shared/promql/grammar); lezer recovers from errors, so half-typed queries still give a tree.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '../../shared/promql/grammar/parser';
import type { Span } from './logql-tree';

export type PromqlMatchOp = '=' | '!=' | '=~' | '!~';

export type PromqlSituation =
  /** Where an expression goes: metric names, functions, aggregations. */
  | { kind: 'expression'; word: Span }
  /** Inside `{…}` where a label name goes; `metric` is the selector's name, when it has one. */
  | { kind: 'label-name'; word: Span; metric: string | null; used: string[] }
  /** After `name=` inside `{…}`: the label's values; `quoted` when the cursor is inside the quotes. */
  | { kind: 'label-value'; word: Span; metric: string | null; label: string; op: PromqlMatchOp; quoted: boolean }
  /** In `by (…)`, `without (…)`, `on (…)`, `ignoring (…)`, `group_left (…)`, `group_right (…)`. */
  | { kind: 'grouping-label'; word: Span }
  /** Inside `[…]`. */
  | { kind: 'duration'; word: Span }
  | { kind: 'none' };

const OPS: Record<string, PromqlMatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

function ancestor(node: SyntaxNode | null, ...names: string[]): SyntaxNode | null {
  for (let n = node; n; n = n.parent) if (names.includes(n.name)) return n;
  return null;
}

/** The identifier-like word ending at the cursor (what a suggestion replaces). */
function wordBefore(text: string, pos: number): Span {
  let from = pos;
  while (from > 0 && /[\w:]/.test(text[from - 1]!)) from--;
  return { from, to: pos };
}

function selectorInfo(text: string, matchers: SyntaxNode): { metric: string | null; used: string[] } {
  const sel = matchers.parent;
  const id = sel?.name === 'VectorSelector' ? sel.getChild('Identifier') : null;
  const used: string[] = [];
  for (let c = matchers.firstChild; c; c = c.nextSibling) {
    const name = c.name === 'UnquotedLabelMatcher' ? c.getChild('LabelName') : null;
    if (name) used.push(text.slice(name.from, name.to));
  }
  return { metric: id ? text.slice(id.from, id.to) : null, used };
}

/** The matcher's label and operator left of the cursor inside `{…}`, from the nodes before it. */
function matcherBefore(text: string, matchers: SyntaxNode, pos: number): { label: string; op: PromqlMatchOp } | null {
  // The last LabelName and MatchOp that start before the cursor, after the last ',' before it.
  let label: string | null = null;
  let op: PromqlMatchOp | null = null;
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.from >= pos) return;
      if (c.name === ',') {
        label = null;
        op = null;
      } else if (c.name === 'LabelName') label = text.slice(c.from, c.to);
      else if (c.name === 'MatchOp') op = OPS[c.firstChild?.name ?? ''] ?? null;
      else if (OPS[c.name]) op = OPS[c.name]!;
      else if (c.firstChild && c.name !== 'StringLiteral') visit(c);
    }
  };
  visit(matchers);
  return label !== null && op !== null ? { label, op } : null;
}

export function promqlSituation(text: string, pos: number): PromqlSituation {
  const tree = parser.parse(text);
  const node = tree.resolveInner(pos, -1);
  const word = wordBefore(text, pos);

  const str = ancestor(node, 'StringLiteral');
  const matchers = ancestor(node, 'LabelMatchers');
  if (matchers && !(pos <= matchers.from) && !(text[matchers.to - 1] === '}' && pos >= matchers.to)) {
    const info = selectorInfo(text, matchers);
    const m = matcherBefore(text, matchers, pos);
    if (str && m) {
      const closed = str.to - str.from >= 2 && text[str.to - 1] === text[str.from] && pos < str.to;
      return { kind: 'label-value', word: { from: str.from + 1, to: closed ? str.to - 1 : pos }, metric: info.metric, label: m.label, op: m.op, quoted: true };
    }
    // After an operator with nothing typed yet: values, to be inserted with their quotes.
    const before = text.slice(0, pos).trimEnd();
    if (m && /(=~|!~|!=|=)$/.test(before)) return { kind: 'label-value', word: { from: pos, to: pos }, metric: info.metric, label: m.label, op: m.op, quoted: false };
    if (str) return { kind: 'none' };
    return { kind: 'label-name', word, metric: info.metric, used: info.used };
  }
  if (str) return { kind: 'none' };
  if (ancestor(node, 'GroupingLabels')) {
    const g = ancestor(node, 'GroupingLabels')!;
    if (pos > g.from && !(text[g.to - 1] === ')' && pos >= g.to)) return { kind: 'grouping-label', word };
  }
  // Inside an open `[` that has not been closed before the cursor.
  const head = text.slice(0, pos);
  const open = head.lastIndexOf('[');
  if (open >= 0 && head.lastIndexOf(']') < open) {
    let from = pos;
    while (from > open + 1 && /[\w.:]/.test(text[from - 1]!)) from--;
    return { kind: 'duration', word: { from, to: pos } };
  }
  return { kind: 'expression', word };
}

import type { SyntaxNode } from '@lezer/common';
import { ancestor, childrenOf, parseLogql, stringValue, type Span } from './logql-tree';

export type MatchOp = '=' | '!=' | '=~' | '!~';
export interface SelectorMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

/**
 * Where the cursor is, in LogQL terms (after Grafana's Loki `getSituation`): completion is a
 * pure function of this. `word` is the text the suggestion replaces (the partial token left of
 * the cursor, or a whole string literal around it); empty at a fresh position.
 */
export type Situation =
  /** Start of a query or of an aggregation's argument: functions, or a `{…}` selector. */
  | { kind: 'expression'; word: Span; inside: 'top' | 'vector' | 'range' }
  /** Inside `{…}` where a label name goes. */
  | { kind: 'label-name'; word: Span; matchers: SelectorMatcher[] }
  /** Inside `{…}` after `name=` / `=~` …: the label's values. */
  | { kind: 'label-value'; word: Span; name: string; op: MatchOp; matchers: SelectorMatcher[] }
  /** After a selector or a pipeline stage: line filters or a `|`. */
  | { kind: 'after-stage'; word: Span }
  /** Right after `|`: parsers, formatters, drop/keep…, or a label filter's name. */
  | { kind: 'pipe'; word: Span }
  /** A label name in a pipeline (`| keep`, `| drop`, `| unwrap`) or in `by (…)`. */
  | { kind: 'pipeline-label'; word: Span; context: 'keep' | 'drop' | 'unwrap' | 'grouping' }
  /** `| name=` in a pipeline: the values this label took in the results. */
  | { kind: 'pipeline-label-value'; word: Span; name: string; op: MatchOp }
  /** Inside `[…]`. */
  | { kind: 'range'; word: Span; closed: boolean }
  | { kind: 'none' };

/** Lezer hands out fresh node objects: compare positions, never references. */
function same(a: SyntaxNode | null, b: SyntaxNode | null): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to && a.name === b.name;
}

const OPS: Record<string, MatchOp> = { Eq: '=', Neq: '!=', Re: '=~', Nre: '!~' };
const KEYWORD_STAGES: Record<string, 'keep' | 'drop'> = { KeepLabelsExpr: 'keep', DropLabelsExpr: 'drop' };

function isClosedString(text: string): boolean {
  return text.length >= 2 && ((text.startsWith('"') && text.endsWith('"') && !text.endsWith('\\"')) || (text.startsWith('`') && text.endsWith('`')));
}

/** The matchers of a selector, complete ones only (for filtering values by the others). */
export function selectorMatchers(query: string, selector: SyntaxNode, skip?: SyntaxNode | null): SelectorMatcher[] {
  const out: SelectorMatcher[] = [];
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Matchers') visit(c);
      else if (c.name === 'Matcher' && !(skip && c.from === skip.from)) {
        const id = childrenOf(c, 'Identifier')[0];
        const op = c.getChild('Eq') ?? c.getChild('Neq') ?? c.getChild('Re') ?? c.getChild('Nre');
        const str = childrenOf(c, 'String')[0];
        if (id && op && str) out.push({ name: query.slice(id.from, id.to), op: OPS[op.name]!, value: stringValue(query.slice(str.from, str.to)) });
      }
    }
  };
  visit(selector);
  return out;
}

/** The operator child of a Matcher, if typed. */
function operatorOf(matcher: SyntaxNode): SyntaxNode | null {
  for (let c = matcher.firstChild; c; c = c.nextSibling) if (c.name in OPS) return c;
  return null;
}

/** Span of the value being typed after an operator: a whole string literal, or up to the cursor. */
function valueWord(query: string, op: SyntaxNode, cur: SyntaxNode, offset: number): Span {
  if (cur.name === 'String') return { from: cur.from, to: cur.to };
  let from = op.to;
  while (from < offset && /\s/.test(query[from]!)) from++;
  return { from, to: offset };
}

function inSelector(query: string, selector: SyntaxNode, cur: SyntaxNode, offset: number): Situation {
  const matcher = ancestor(cur, 'Matcher');
  const op = matcher ? operatorOf(matcher) : null;
  const matchers = selectorMatchers(query, selector, matcher);
  if (matcher && op && offset >= op.to) {
    // After a closed "value" the matcher is complete: nothing to offer until `,` or `}`.
    if (cur.name === 'String' && offset === cur.to && isClosedString(query.slice(cur.from, cur.to))) return { kind: 'none' };
    const id = childrenOf(matcher, 'Identifier')[0];
    if (!id) return { kind: 'none' };
    return { kind: 'label-value', word: valueWord(query, op, cur, offset), name: query.slice(id.from, id.to), op: OPS[op.name]!, matchers };
  }
  const word = cur.name === 'Identifier' ? { from: cur.from, to: offset } : { from: offset, to: offset };
  return { kind: 'label-name', word, matchers };
}

/** A pipeline stage being typed: `| ` → keywords, `| keep ` → labels, `| name=` → values. */
function inStage(query: string, stage: SyntaxNode, cur: SyntaxNode, offset: number): Situation | null {
  const pipe = stage.getChild('Pipe');
  if (!pipe || offset < pipe.to) return null;
  const word = (n: SyntaxNode): Span => ({ from: n.from, to: offset });
  const here = { from: offset, to: offset };
  const body = pipe.nextSibling;
  if (!body || body.type.isError) {
    const kw = body?.firstChild;
    if (kw?.name === 'Unwrap') return offset > kw.to ? { kind: 'pipeline-label', word: here, context: 'unwrap' } : { kind: 'pipe', word: word(kw) };
    return { kind: 'pipe', word: here };
  }
  if (body.name in KEYWORD_STAGES) {
    const kw = body.firstChild;
    if (kw && offset <= kw.to) return { kind: 'pipe', word: word(kw) };
    return { kind: 'pipeline-label', word: cur.name === 'Identifier' ? word(cur) : here, context: KEYWORD_STAGES[body.name]! };
  }
  const matcher = body.name === 'LabelFilter' ? body.getChild('Matcher') : null;
  if (matcher) {
    const op = operatorOf(matcher);
    const id = matcher.getChild('Identifier');
    if (!op) return cur.name === 'Identifier' && id ? { kind: 'pipe', word: word(id) } : null;
    if (offset < op.to || !id) return null;
    if (cur.name === 'String' && offset === cur.to && isClosedString(query.slice(cur.from, cur.to))) return null;
    return { kind: 'pipeline-label-value', word: valueWord(query, op, cur, offset), name: query.slice(id.from, id.to), op: OPS[op.name]! };
  }
  // A keyword still being typed (`| js`, `| json` with the cursor on it).
  if (offset === body.to && (same(cur, body) || same(cur.parent, body)) && cur.firstChild === null && /^\w+$/.test(query.slice(cur.from, cur.to))) {
    return { kind: 'pipe', word: word(cur) };
  }
  return null;
}

/**
 * The cursor situation at `offset` in `query`, from the lezer tree: the innermost node that
 * ends at or spans the cursor, read through its ancestors.
 */
export function cursorSituation(query: string, offset: number): Situation {
  const tree = parseLogql(query);
  const here = { from: offset, to: offset };
  let cur = tree.resolveInner(offset, -1);
  // In trailing blanks the tree ends before the cursor: read the last token instead.
  if (!cur.parent) {
    let p = offset;
    while (p > 0 && /\s/.test(query[p - 1]!)) p--;
    if (p < offset && p > 0) cur = tree.resolveInner(p, -1);
  }
  // Inside a line filter's or a template's string there is nothing to suggest.
  if (cur.name === 'String' && offset > cur.from && !ancestor(cur, 'Matcher') && (offset < cur.to || !isClosedString(query.slice(cur.from, cur.to)))) return { kind: 'none' };
  const idWord = cur.name === 'Identifier' && cur.to === offset ? { from: cur.from, to: offset } : here;

  const range = ancestor(cur, 'Range');
  if (range && offset > range.from) {
    const closed = query[range.to - 1] === ']';
    if (closed && offset >= range.to) return { kind: 'none' };
    const leaf = cur.name === 'Duration' || cur.name === 'Number' ? { from: cur.from, to: offset } : here;
    return { kind: 'range', word: leaf, closed };
  }

  const selector = ancestor(cur, 'Selector');
  if (selector) {
    const closed = query[selector.to - 1] === '}';
    if (!closed || offset < selector.to) return inSelector(query, selector, cur, offset);
    return { kind: 'after-stage', word: here };
  }

  const grouping = ancestor(cur, 'Grouping');
  if (grouping) {
    const open = query.indexOf('(', grouping.from);
    const closed = query[grouping.to - 1] === ')';
    if (open >= 0 && offset > open && (!closed || offset < grouping.to)) return { kind: 'pipeline-label', word: idWord, context: 'grouping' };
    return { kind: 'none' };
  }

  const unwrap = ancestor(cur, 'UnwrapExpr');
  if (unwrap) {
    const kw = unwrap.getChild('Unwrap');
    return kw && offset > kw.to ? { kind: 'pipeline-label', word: idWord, context: 'unwrap' } : { kind: 'none' };
  }

  const stage = ancestor(cur, 'PipelineStage');
  if (stage) {
    const s = inStage(query, stage, cur, offset);
    if (s) return s;
    // A finished stage followed by the cursor: the next filter or pipe.
    if (offset > stage.to || (offset === stage.to && /\s$/.test(query.slice(0, offset)))) return { kind: 'after-stage', word: here };
    return cur.type.isError || cur.parent?.type.isError ? { kind: 'none' } : { kind: 'after-stage', word: here };
  }

  // After a whole log expression (trailing space: the tree ends before the cursor).
  const logExpr = ancestor(cur, 'LogExpr', 'LogRangeExpr');
  if (logExpr) return offset >= logExpr.to ? { kind: 'after-stage', word: here } : { kind: 'none' };

  const agg = ancestor(cur, 'VectorAggregationExpr', 'RangeAggregationExpr');
  if (agg) {
    const open = query.indexOf('(', agg.from);
    if (open < 0 || offset <= open) return { kind: 'none' };
    return { kind: 'expression', word: idWord, inside: agg.name === 'RangeAggregationExpr' ? 'range' : 'vector' };
  }

  // The root: an empty query, or a function name being typed.
  const top = tree.topNode;
  const onlyWord = cur.name === 'Identifier' || !cur.parent || (cur.type.isError && !cur.parent.parent);
  if (onlyWord && top.firstChild?.name !== 'Expr') return { kind: 'expression', word: idWord, inside: 'top' };
  if (query.slice(0, offset).trim() === '') return { kind: 'expression', word: here, inside: 'top' };
  return { kind: 'none' };
}

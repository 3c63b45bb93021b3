/**
 * Lezer tree → AST for log queries: selectors, line filters, parsers, label filters,
 * formatters, drop/keep. Label filter `and` / `,` / `or` are re-associated as Loki's yacc
 * grammar does (see labelFilterReduces), not as lezer's precedence declares.
 */
import type { SyntaxNode } from '@lezer/common';
import type {
  CompareOp, ExtractionParam, LabelFilterExpr, LabelFormatOp, LabelMatcher, LineFilterOp, LineFilterStage, LineFilterValue,
  LogQueryExpr, MatchOp, NamedLabel, PipelineStage,
} from './ast.js';
import { parseBytes, parseLokiDuration } from './units.js';
import { child, children, reassociate, required, span, spanOf, stringValue, text, type BuildContext } from './tree.js';

const matchOps: Record<string, MatchOp> = { Eq: '=', Neq: '!=', Re: '=~', Nre: '!~' };
const compareOps: Record<string, CompareOp> = { Eq: '==', Eql: '==', Neq: '!=', Gtr: '>', Gte: '>=', Lss: '<', Lte: '<=' };
const lineOps: Record<string, LineFilterOp> = { PipeExact: '|=', Neq: '!=', PipeMatch: '|~', Nre: '!~', PipePattern: '|>', Npa: '!>' };

export function buildMatcher(ctx: BuildContext, node: SyntaxNode): LabelMatcher {
  const [name, op, value] = children(node);
  return {
    name: text(ctx, required(name ?? null, 'matcher name')),
    op: matchOps[op?.name ?? ''] ?? '=',
    value: stringValue(ctx, required(value ?? null, 'matcher value')),
    span: span(node),
  };
}

export function buildSelector(ctx: BuildContext, node: SyntaxNode): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  const visit = (n: SyntaxNode) => {
    for (const c of children(n)) {
      if (c.name === 'Matchers') visit(c);
      else if (c.name === 'Matcher') out.push(buildMatcher(ctx, c));
    }
  };
  visit(node);
  return out;
}

/** `Selector PipelineExpr?` (also used by log ranges) → LogQueryExpr. */
export function buildLogQuery(ctx: BuildContext, selector: SyntaxNode, pipeline: SyntaxNode | null, whole: { from: number; to: number }): LogQueryExpr {
  return { kind: 'logQuery', matchers: buildSelector(ctx, selector), stages: pipeline ? buildPipeline(ctx, pipeline) : [], span: span(whole) };
}

/** PipelineExpr is a repetition in our grammar (flat: one child per stage). */
export function buildPipeline(ctx: BuildContext, node: SyntaxNode): PipelineStage[] {
  const out: PipelineStage[] = [];
  for (const stage of children(node)) if (stage.name === 'PipelineStage') buildStage(ctx, stage, out);
  return out;
}

function buildStage(ctx: BuildContext, node: SyntaxNode, out: PipelineStage[]): void {
  const lineFilters = child(node, 'LineFilters');
  if (lineFilters) return buildLineFilters(ctx, lineFilters, out);
  const body = children(node).find((c) => c.name !== 'Pipe');
  if (!body) return;
  const s = span(node);
  switch (body.name) {
    case 'LogfmtParser':
    case 'LogfmtExpressionParser': {
      const flagsNode = child(body, 'LogfmtParserFlags');
      const allFlags = flagsNode ? collectFlags(ctx, flagsNode) : [];
      out.push({ kind: 'logfmt', strict: allFlags.includes('--strict'), keepEmpty: allFlags.includes('--keep-empty'), params: buildParams(ctx, child(body, 'LabelExtractionExpressionList')), span: s });
      return;
    }
    case 'JsonExpressionParser':
      out.push({ kind: 'json', params: buildParams(ctx, child(body, 'LabelExtractionExpressionList')), span: s });
      return;
    case 'LabelParser': {
      const first = required(body.firstChild, 'parser');
      const str = child(body, 'String');
      if (first.name === 'Json') out.push({ kind: 'json', params: [], span: s });
      else if (first.name === 'Unpack') out.push({ kind: 'unpack', span: s });
      else if (first.name === 'Regexp') out.push({ kind: 'regexp', pattern: str ? stringValue(ctx, str) : '', span: s });
      else out.push({ kind: 'pattern', pattern: str ? stringValue(ctx, str) : '', span: s });
      return;
    }
    case 'LabelFilter':
      out.push({ kind: 'labelFilter', filter: buildLabelFilter(ctx, body), span: s });
      return;
    case 'LineFormatExpr':
      out.push({ kind: 'lineFormat', template: stringValue(ctx, required(child(body, 'String'), 'template')), span: s });
      return;
    case 'LabelFormatExpr':
      out.push({ kind: 'labelFormat', ops: buildLabelFormats(ctx, required(child(body, 'LabelsFormat'), 'formats')), span: s });
      return;
    case 'DecolorizeExpr':
      out.push({ kind: 'decolorize', span: s });
      return;
    case 'DropLabelsExpr':
      out.push({ kind: 'drop', labels: buildNamedLabels(ctx, required(child(body, 'DropLabels'), 'labels')), span: s });
      return;
    case 'KeepLabelsExpr':
      out.push({ kind: 'keep', labels: buildNamedLabels(ctx, required(child(body, 'KeepLabels'), 'labels')), span: s });
      return;
  }
}

function collectFlags(ctx: BuildContext, node: SyntaxNode): string[] {
  return children(node).flatMap((c) => (c.name === 'LogfmtParserFlags' ? collectFlags(ctx, c) : c.name === 'ParserFlag' ? [text(ctx, c)] : []));
}

/** Items of a left-recursive list node (`List := Item | List "," Item`), in order. */
function listItems(node: SyntaxNode, itemName: string): SyntaxNode[] {
  return children(node).flatMap((c) => (c.name === node.name ? listItems(c, itemName) : c.name === itemName ? [c] : []));
}

function buildParams(ctx: BuildContext, list: SyntaxNode | null): ExtractionParam[] {
  if (!list) return [];
  return listItems(list, 'LabelExtractionExpression').map((e) => {
    const label = text(ctx, required(child(e, 'Identifier'), 'label'));
    const str = child(e, 'String');
    return { label, expr: str ? stringValue(ctx, str) : label, span: span(e) };
  });
}

function buildLabelFormats(ctx: BuildContext, node: SyntaxNode): LabelFormatOp[] {
  return listItems(node, 'LabelFormatMatcher').map((m): LabelFormatOp => {
    const [dst, , value] = children(m);
    const d = text(ctx, required(dst ?? null, 'label'));
    const v = required(value ?? null, 'value');
    return v.name === 'String' ? { kind: 'template', dst: d, template: stringValue(ctx, v), span: span(m) } : { kind: 'rename', dst: d, src: text(ctx, v), span: span(m) };
  });
}

function buildNamedLabels(ctx: BuildContext, node: SyntaxNode): NamedLabel[] {
  const itemName = node.name === 'DropLabels' ? 'DropLabel' : 'KeepLabel';
  return listItems(node, itemName).map((l): NamedLabel => {
    const m = child(l, 'Matcher');
    if (m) {
      const matcher = buildMatcher(ctx, m);
      return { name: matcher.name, matcher, span: span(l) };
    }
    return { name: text(ctx, l), span: span(l) };
  });
}

function buildLineFilters(ctx: BuildContext, node: SyntaxNode, out: PipelineStage[]): void {
  let last: LineFilterStage | undefined;
  const extend = (stage: LineFilterStage, values: LineFilterValue[]) => {
    stage.values.push(...values);
    const end = values[values.length - 1];
    if (end) stage.span = { from: stage.span.from, to: end.span.to };
  };
  for (const c of children(node)) {
    if (c.name === 'LineFilters') buildLineFilters(ctx, c, out);
    else if (c.name === 'LineFilter') {
      const filter = required(child(c, 'Filter'), 'filter');
      last = { kind: 'lineFilter', op: lineOps[filter.firstChild?.name ?? ''] ?? '|=', values: [], span: span(c) };
      out.push(last);
      extend(last, filterValues(ctx, c));
    } else if (c.name === 'OrFilter') {
      last = last ?? (out[out.length - 1] as LineFilterStage | undefined);
      if (last) extend(last, filterValues(ctx, c));
    }
  }
}

/** The `"text"` / `ip("…")` values of a LineFilter or OrFilter node, its nested `or`s included. */
function filterValues(ctx: BuildContext, node: SyntaxNode): LineFilterValue[] {
  const out: LineFilterValue[] = [];
  let ipFrom: number | null = null;
  for (const c of children(node)) {
    if (c.name === 'FilterOp') ipFrom = c.from;
    else if (c.name === 'String') {
      if (ipFrom !== null) {
        const close = ctx.src.indexOf(')', c.to);
        out.push({ kind: 'ip', pattern: stringValue(ctx, c), span: { from: ipFrom, to: close < 0 ? c.to : close + 1 } });
        ipFrom = null;
      } else out.push({ kind: 'string', value: stringValue(ctx, c), span: span(c) });
    } else if (c.name === 'OrFilter') out.push(...filterValues(ctx, c));
  }
  return out;
}

type FilterOpName = 'and' | 'or' | 'comma';
const filterPrec: Record<FilterOpName, number> = { or: 1, and: 2, comma: 0 };

/**
 * yacc resolves `labelFilter OP labelFilter` conflicts by precedence (OR < AND, both left
 * associative); COMMA has no precedence, so the parser always shifts: a `,` takes
 * everything to its right, and anything to the right of a `,` binds before it.
 */
function labelFilterReduces(top: FilterOpName, next: FilterOpName): boolean {
  if (next === 'comma' || top === 'comma') return false;
  return filterPrec[top] >= filterPrec[next];
}

/**
 * A LabelFilter node is either one filter (a Matcher, …, or `( LabelFilter )`), or a flat
 * sequence `LabelFilter (join LabelFilter)+` where join is And, Or, `,` or nothing (Loki's
 * `labelFilter labelFilter`); `,` is an anonymous token, absent from the tree, so `,` and
 * juxtaposition read alike — as in Loki, where neither has a precedence.
 */
export function buildLabelFilter(ctx: BuildContext, node: SyntaxNode): LabelFilterExpr {
  const cs = children(node);
  if (cs.length < 2 || cs[0]!.name !== 'LabelFilter') return labelFilterLeaf(ctx, node);
  const operands: LabelFilterExpr[] = [];
  const ops: FilterOpName[] = [];
  let op: FilterOpName = 'comma';
  for (const c of cs) {
    if (c.name === 'And' || c.name === 'Or') op = c.name === 'And' ? 'and' : 'or';
    else if (c.name === 'LabelFilter') {
      if (operands.length) ops.push(op);
      operands.push(labelFilterLeaf(ctx, c));
      op = 'comma';
    }
  }
  return reassociate(operands, ops, labelFilterReduces, (op, left, right) => ({ kind: op === 'or' ? 'or' : 'and', left, right, span: spanOf(left.span, right.span) }));
}

function labelFilterLeaf(ctx: BuildContext, node: SyntaxNode): LabelFilterExpr {
  const inner = child(node, 'LabelFilter');
  if (inner) {
    const f = buildLabelFilter(ctx, inner);
    return { ...f, span: span(node) };
  }
  let leaf = required(children(node).find((c) => c.name !== '(' && c.name !== ')') ?? null, 'label filter');
  if (leaf.name === 'UnitFilter') leaf = required(leaf.firstChild, 'unit filter');
  const s = span(node);
  if (leaf.name === 'Matcher') return { kind: 'string', matcher: buildMatcher(ctx, leaf), span: s };
  const [nameNode, opNode, valueNode] = children(leaf);
  const name = text(ctx, required(nameNode ?? null, 'label'));
  const opName = opNode?.name ?? '';
  if (leaf.name === 'IpLabelFilter') {
    return { kind: 'ip', name, op: opName === 'Neq' ? '!=' : '=', pattern: stringValue(ctx, required(child(leaf, 'String'), 'ip pattern')), span: s };
  }
  const op = compareOps[opName] ?? '==';
  const v = required(valueNode ?? null, 'value');
  if (leaf.name === 'DurationFilter') {
    const d = parseLokiDuration(text(ctx, v));
    return { kind: 'duration', name, op, value: d.ok ? d.value : NaN, span: s };
  }
  if (leaf.name === 'BytesFilter') {
    const b = parseBytes(text(ctx, v));
    return { kind: 'bytes', name, op, value: b.ok ? b.value : NaN, span: s };
  }
  return { kind: 'number', name, op, value: literalValue(ctx, v), span: s };
}

/** A LiteralExpr node (`Number`, `+Number`, `-Number`) as Go's strconv.ParseFloat reads it. */
export function literalValue(ctx: BuildContext, node: SyntaxNode): number {
  const num = child(node, 'Number');
  const v = parseGoFloat(num ? text(ctx, num) : '');
  return child(node, 'Sub') ? -v : v;
}

/** strconv.ParseFloat for the texts lezer calls Number; NaN where Go reports invalid syntax. */
export function parseGoFloat(s: string): number {
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (/^0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/.test(s)) {
    const [mant, exp] = s.slice(2).split(/[pP]/) as [string, string];
    const [ip, fp = ''] = mant.split('.') as [string, string?];
    return (parseInt(ip + fp || '0', 16) / 16 ** fp.length) * 2 ** Number(exp);
  }
  return NaN;
}

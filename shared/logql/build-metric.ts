/**
 * Lezer tree → AST for whole queries: log queries and metric queries (range and vector
 * aggregations, binary operations re-associated with Loki's precedence, literals, vector(),
 * label_replace).
 */
import type { SyntaxNode } from '@lezer/common';
import type { BinaryOp, Expr, Grouping, LabelFilterExpr, LogRangeExpr, MetricExpr, RangeOp, Unwrap, VectorMatching, VectorOp } from './ast.js';
import { buildLabelFilter, buildLogQuery, literalValue, parseGoFloat } from './build-log.js';
import { parseLokiDuration, parsePromDuration } from './units.js';
import { child, children, childrenNamed, reassociate, required, span, spanOf, stringValue, text, TreeShapeError, type BuildContext } from './tree.js';

const binaryOps: Record<string, BinaryOp> = {
  Or: 'or', And: 'and', Unless: 'unless', Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^',
  Eql: '==', Neq: '!=', Gtr: '>', Gte: '>=', Lss: '<', Lte: '<=',
};
/** Loki's yacc precedence (syntax.y): or < and unless < comparisons < + - < * / % < ^ (right). */
const precedence: Record<BinaryOp, number> = {
  or: 1, and: 2, unless: 2, '==': 3, '!=': 3, '>': 3, '>=': 3, '<': 3, '<=': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, '^': 6,
};

export function buildExpr(ctx: BuildContext, node: SyntaxNode): Expr {
  switch (node.name) {
    case 'LogQL':
    case 'Expr':
      return buildExpr(ctx, required(node.firstChild, 'expression'));
    case 'LogExpr':
      return buildLogExpr(ctx, node);
    case 'MetricExpr':
      return buildMetric(ctx, node);
    default:
      throw new TreeShapeError(`unexpected ${node.name}`);
  }
}

function buildLogExpr(ctx: BuildContext, node: SyntaxNode): Expr {
  const inner = child(node, 'LogExpr');
  if (inner) return buildLogExpr(ctx, inner);
  return buildLogQuery(ctx, required(child(node, 'Selector'), 'selector'), child(node, 'PipelineExpr'), node);
}

function buildMetric(ctx: BuildContext, node: SyntaxNode): MetricExpr {
  const c = required(children(node).find((x) => x.name !== '(' && x.name !== ')') ?? null, 'metric');
  switch (c.name) {
    case 'MetricExpr':
      return buildMetric(ctx, c);
    case 'RangeAggregationExpr':
      return buildRangeAggregation(ctx, c);
    case 'VectorAggregationExpr':
      return buildVectorAggregation(ctx, c);
    case 'BinOpExpr':
      return buildBinary(ctx, c) as MetricExpr;
    case 'LiteralExpr':
      return { kind: 'literal', value: literalValue(ctx, c), span: span(c) };
    case 'VectorExpr':
      return { kind: 'vector', value: parseGoFloat(text(ctx, required(child(c, 'Number'), 'number'))), span: span(c) };
    case 'LabelReplaceExpr': {
      const args = children(c).filter((x) => x.name === 'String').map((x) => stringValue(ctx, x));
      const [dst = '', replacement = '', src = '', regex = ''] = args;
      return { kind: 'labelReplace', expr: buildMetric(ctx, required(child(c, 'MetricExpr'), 'expr')), dst, replacement, src, regex, span: span(c) };
    }
    default:
      throw new TreeShapeError(`unexpected ${c.name}`);
  }
}

function buildGrouping(ctx: BuildContext, node: SyntaxNode | null): Grouping | null {
  if (!node) return null;
  const labels: string[] = [];
  const visit = (n: SyntaxNode) => {
    for (const c of children(n)) {
      if (c.name === 'Labels') visit(c);
      else if (c.name === 'Identifier') labels.push(text(ctx, c));
    }
  };
  visit(node);
  return { without: child(node, 'Without') !== null, labels, span: span(node) };
}

function buildRangeAggregation(ctx: BuildContext, node: SyntaxNode): MetricExpr {
  const opNode = required(child(node, 'RangeOp'), 'range op');
  const num = child(node, 'Number');
  return {
    kind: 'rangeAggregation',
    op: text(ctx, opNode).toLowerCase() as RangeOp,
    param: num ? parseGoFloat(text(ctx, num)) : null,
    range: buildLogRange(ctx, required(child(node, 'LogRangeExpr'), 'log range')),
    grouping: buildGrouping(ctx, child(node, 'Grouping')),
    span: span(node),
  };
}

function buildLogRange(ctx: BuildContext, node: SyntaxNode): LogRangeExpr {
  const nested = child(node, 'LogRangeExpr');
  if (nested) return { ...buildLogRange(ctx, nested), span: span(node) };
  const selector = required(child(node, 'Selector'), 'selector');
  const pipeline = child(node, 'PipelineExpr');
  const unwrapNode = child(node, 'UnwrapExpr');
  const rangeNode = required(child(node, 'Range'), 'range');
  const offsetNode = child(node, 'OffsetExpr');
  const queryEnd = [pipeline, selector].find((n) => n !== null)!;
  const range = parsePromDuration(text(ctx, required(child(rangeNode, 'Duration'), 'duration')));
  let offsetNs = 0;
  if (offsetNode) {
    const d = parseLokiDuration(text(ctx, required(child(offsetNode, 'Duration'), 'duration')));
    offsetNs = d.ok ? d.value : NaN;
  }
  return {
    kind: 'logRange',
    query: buildLogQuery(ctx, selector, pipeline, { from: selector.from, to: queryEnd.to }),
    rangeNs: range.ok ? range.value : NaN,
    offsetNs,
    unwrap: unwrapNode ? buildUnwrap(ctx, unwrapNode) : null,
    span: span(node),
  };
}

/** `| unwrap [conv(]label[)] (| labelFilter)*`: one flat node in our grammar (a repetition). */
function buildUnwrap(ctx: BuildContext, node: SyntaxNode): Unwrap {
  const postFilters: LabelFilterExpr[] = childrenNamed(node, 'LabelFilter').map((f) => buildLabelFilter(ctx, f));
  const conv = child(node, 'ConvOp');
  return {
    label: text(ctx, required(child(node, 'Identifier'), 'unwrap label')),
    conversion: conv ? (text(ctx, conv).toLowerCase() as Unwrap['conversion']) : 'none',
    postFilters,
    span: span(node),
  };
}

function buildVectorAggregation(ctx: BuildContext, node: SyntaxNode): MetricExpr {
  const opNode = required(child(node, 'VectorOp'), 'vector op');
  const num = child(node, 'Number');
  const op = text(ctx, opNode).toLowerCase() as VectorOp;
  return {
    kind: 'vectorAggregation',
    op,
    param: num ? parseGoFloat(text(ctx, num)) : null,
    grouping: buildGrouping(ctx, child(node, 'Grouping')),
    expr: buildMetric(ctx, required(child(node, 'MetricExpr'), 'expr')),
    span: span(node),
  };
}

interface OpWithModifier {
  op: BinaryOp;
  returnBool: boolean;
  matching: VectorMatching | null;
}

function buildModifier(ctx: BuildContext, node: SyntaxNode | null): Omit<OpWithModifier, 'op'> {
  if (!node) return { returnBool: false, matching: null };
  const returnBool = child(node, 'Bool') !== null;
  const onIgn = child(node, 'OnOrIgnoringModifier');
  if (!onIgn) return { returnBool, matching: null };
  const labelsOf = (g: SyntaxNode | null): string[] => {
    const out: string[] = [];
    const visit = (n: SyntaxNode) => children(n).forEach((c) => (c.name === 'LabelName' ? out.push(text(ctx, c)) : visit(c)));
    if (g) visit(g);
    return out;
  };
  const left = child(node, 'GroupLeft');
  const right = child(node, 'GroupRight');
  return {
    returnBool,
    matching: {
      on: child(onIgn, 'On') !== null,
      labels: labelsOf(child(onIgn, 'GroupingLabels')),
      card: left ? 'many-to-one' : right ? 'one-to-many' : 'one-to-one',
      include: labelsOf(child(node, 'GroupingLabels')),
    },
  };
}

/** Flattens lezer's BinOpExpr chain and rebuilds it with Loki's precedence. */
function buildBinary(ctx: BuildContext, node: SyntaxNode): Expr {
  const operands: Expr[] = [];
  const ops: OpWithModifier[] = [];
  const flatten = (expr: SyntaxNode) => {
    // Expr → MetricExpr → BinOpExpr, without parentheses in between.
    const metric = expr.name === 'Expr' ? expr.firstChild : null;
    const bin = metric?.name === 'MetricExpr' && metric.firstChild?.name === 'BinOpExpr' ? metric.firstChild : expr.name === 'BinOpExpr' ? expr : null;
    if (!bin) return operands.push(buildExpr(ctx, expr));
    const [l, opNode, mod, r] = children(bin);
    flatten(required(l ?? null, 'left'));
    ops.push({ op: binaryOps[opNode?.name ?? ''] ?? '+', ...buildModifier(ctx, mod?.name === 'BinOpModifier' ? mod : null) });
    flatten(required((mod?.name === 'BinOpModifier' ? r : mod) ?? null, 'right'));
  };
  flatten(node);
  const reduces = (top: OpWithModifier, next: OpWithModifier) =>
    precedence[top.op] > precedence[next.op] || (precedence[top.op] === precedence[next.op] && next.op !== '^');
  return reassociate(operands, ops, reduces, (o, left, right) => ({ kind: 'binary', op: o.op, returnBool: o.returnBool, matching: o.matching, left, right, span: spanOf(left.span, right.span) }));
}

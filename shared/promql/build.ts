/**
 * Lezer tree → typed AST. The tree comes from the upstream grammar; this file gives each node
 * Prometheus' meaning (literal rules, modifiers attached to selectors as parser/parse.go does)
 * and throws PromqlParseError where Prometheus' parser refuses the text.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AggregateOp, AtModifier, BinaryOp, DurationExpr, Expr, LabelMatcher, MatchType, Span, VectorMatching, VectorSelector } from './ast.js';
import { PromqlParseError } from './errors.js';
import { parseDurationMs, parseNumberToken, unquoteGoString } from './literals.js';
import { kids } from './tree.js';

const BIN_OPS: Record<string, BinaryOp> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-', Eql: '==', Gte: '>=', Gtr: '>', Lte: '<=', Lss: '<', Neq: '!=', And: 'and', Unless: 'unless', Or: 'or',
};

export class Builder {
  constructor(private readonly text: string) {}

  fail(detail: string, node: { from: number; to: number }): never {
    throw new PromqlParseError(detail, { start: node.from, end: node.to }, this.text);
  }

  src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  span(n: SyntaxNode): Span {
    return { start: n.from, end: n.to };
  }

  expr(n: SyntaxNode): Expr {
    const c = kids(n);
    switch (n.name) {
      case 'NumberDurationLiteral': {
        const v = parseNumberToken(this.src(n).replace(/\s+/g, ''));
        if (v === null) this.fail(`bad number or duration syntax: "${this.src(n)}"`, n);
        return { kind: 'number', span: this.span(n), value: v };
      }
      case 'StringLiteral':
        return { kind: 'string', span: this.span(n), value: this.string(n) };
      case 'ParenExpr':
        return { kind: 'paren', span: this.span(n), expr: this.expr(c[0]!) };
      case 'UnaryExpr': {
        const op = this.src(c[0]!) as '-' | '+';
        const inner = this.expr(c[1]!);
        // Prometheus folds a sign into a number literal (parse.go newUnaryExpr-free path: -1 is a literal).
        if (inner.kind === 'number') return { kind: 'number', span: this.span(n), value: op === '-' ? -inner.value : inner.value };
        return { kind: 'unary', span: this.span(n), op, expr: inner };
      }
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector':
        return this.postfix(this.expr(c[0]!), (inner) => this.matrix(inner, c, n));
      case 'SubqueryExpr':
        return this.postfix(this.expr(c[0]!), (inner) => this.subquery(inner, c, n));
      case 'OffsetExpr':
        return this.postfix(this.expr(c[0]!), (inner) => this.withOffset(inner, this.duration(c[2]!), n));
      case 'StepInvariantExpr':
        return this.postfix(this.expr(c[0]!), (inner) => this.withAt(inner, this.at(c[2]!), n));
      case 'BinaryExpr':
        return this.binary(n, c);
      case 'AggregateExpr':
        return this.aggregate(n, c);
      case 'FunctionCall': {
        const name = this.src(c[0]!);
        const args = kids(c[1]!).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',').map((k) => this.expr(k));
        return { kind: 'call', span: this.span(n), func: name, args };
      }
      default:
        return this.fail(`unexpected ${n.name}`, n);
    }
  }

  /**
   * The lezer grammar gives postfix modifiers (offset, @, [range], [range:step]) no precedence, so
   * `a or b offset 5m` comes as `(a or b) offset 5m`; Prometheus binds them to the closest operand.
   */
  postfix(inner: Expr, apply: (e: Expr) => Expr): Expr {
    if (inner.kind === 'binary') return { ...inner, right: this.postfix(inner.right, apply) };
    if (inner.kind === 'unary') return { ...inner, expr: this.postfix(inner.expr, apply) };
    return apply(inner);
  }

  matrix(vec: Expr, c: SyntaxNode[], n: SyntaxNode): Expr {
    if (vec.kind !== 'vectorSelector') this.fail('ranges only allowed for vector selectors', n);
    if (vec.offset || vec.at) this.fail('no offset modifiers allowed before range', n);
    return { kind: 'matrixSelector', span: { start: vec.span.start, end: n.to }, vector: vec, range: this.duration(c.find((k) => k.name === 'DurationExpr')!) };
  }

  subquery(inner: Expr, c: SyntaxNode[], n: SyntaxNode): Expr {
    const durations = c.filter((k) => k.name === 'DurationExpr');
    return { kind: 'subquery', span: { start: inner.span.start, end: n.to }, expr: inner, range: this.duration(durations[0]!), ...(durations[1] ? { step: this.duration(durations[1]) } : {}) };
  }

  string(n: SyntaxNode): string {
    const v = unquoteGoString(this.src(n));
    if (v === null) this.fail(`unterminated quoted string ${this.src(n)}`, n);
    return v;
  }

  vectorSelector(n: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = [];
    let name: string | undefined;
    for (const k of kids(n)) {
      if (k.name === 'Identifier') name = this.src(k);
      if (k.name !== 'LabelMatchers') continue;
      for (const m of kids(k)) {
        if (m.name === 'QuotedLabelName') {
          const v = this.string(m.firstChild!);
          if (name !== undefined) this.fail(`metric name must not be set twice: "${name}" or "${v}"`, m);
          name = v;
        } else if (m.name === 'UnquotedLabelMatcher' || m.name === 'QuotedLabelMatcher') {
          const [ln, op, val] = kids(m);
          const label = ln!.name === 'LabelName' ? this.src(ln!) : this.string(ln!.firstChild!);
          matchers.push({ name: label, type: this.src(op!) as MatchType, value: this.string(val!) });
        }
      }
    }
    if (name !== undefined) {
      if (matchers.some((m) => m.name === '__name__')) this.fail(`metric name must not be set twice: "${name}" or "${matchers.find((m) => m.name === '__name__')!.value}"`, n);
      matchers.unshift({ name: '__name__', type: '=', value: name });
    }
    if (!matchers.some((m) => !matchesEmpty(m))) this.fail('vector selector must contain at least one non-empty matcher', n);
    return { kind: 'vectorSelector', span: this.span(n), ...(name !== undefined ? { name } : {}), matchers };
  }

  duration(n: SyntaxNode): DurationExpr {
    const c = kids(n);
    switch (n.name) {
      case 'NumberDurationLiteralInDurationContext': {
        const t = this.src(n);
        const d = parseDurationMs(t);
        if (d !== null) return { kind: 'literal', ms: d };
        const v = parseNumberToken(t);
        if (v === null || !Number.isFinite(v)) this.fail(`bad number or duration syntax: "${t}"`, n);
        return { kind: 'literal', ms: Math.round(v * 1000) };
      }
      case 'DurationExpr':
      case 'OffsetDurationExpr': {
        const head0 = c[0]!.name;
        if (c.length === 1 && head0 !== 'DurationStep' && head0 !== 'DurationRange') return this.duration(c[0]!);
        if (c[0]!.name === 'UnaryOp') return { kind: 'unary', op: this.src(c[0]!) as '-' | '+', expr: this.duration(c[1]!) };
        const head = c[0]!.name;
        if (head === 'DurationStep') return { kind: 'step' };
        if (head === 'DurationRange') return { kind: 'range' };
        if (head === 'DurationMinOf' || head === 'DurationMaxOf') {
          const args = c.filter((k) => k.name === 'DurationExpr').map((k) => this.duration(k));
          return { kind: 'call', fn: head === 'DurationMinOf' ? 'min_of' : 'max_of', args: [args[0]!, args[1]!] };
        }
        if (head === '(') return this.duration(c[1]!);
        const op = BIN_OPS[c[1]!.name];
        if (!op || !['+', '-', '*', '/', '%', '^'].includes(op)) return this.fail(`unexpected ${c[1]!.name} in duration`, n);
        return { kind: 'binary', op: op as '+', left: this.duration(c[0]!), right: this.duration(c[2]!) };
      }
      default:
        return this.fail(`unexpected ${n.name} in duration`, n);
    }
  }

  at(n: SyntaxNode): AtModifier {
    if (n.name === 'AtModifierPreprocessors') return { kind: this.src(n) === 'start' ? 'start' : 'end' };
    const v = parseNumberToken(this.src(n).replace(/\s+/g, ''));
    if (v === null || !Number.isFinite(v)) this.fail(`timestamp out of bounds for @ modifier: ${this.src(n)}`, n);
    return { kind: 'time', ms: Math.round(v * 1000) };
  }

  withOffset(e: Expr, offset: DurationExpr, n: SyntaxNode): Expr {
    const target = e.kind === 'matrixSelector' ? e.vector : e;
    if (target.kind !== 'vectorSelector' && target.kind !== 'subquery') this.fail('offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', n);
    if (target.offset) this.fail('offset may not be set multiple times', n);
    target.offset = offset;
    e.span = { start: e.span.start, end: n.to };
    return e;
  }

  withAt(e: Expr, at: AtModifier, n: SyntaxNode): Expr {
    const target = e.kind === 'matrixSelector' ? e.vector : e;
    if (target.kind !== 'vectorSelector' && target.kind !== 'subquery') this.fail('@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', n);
    if (target.at) this.fail('@ <timestamp> may not be set multiple times', n);
    target.at = at;
    e.span = { start: e.span.start, end: n.to };
    return e;
  }

  binary(n: SyntaxNode, c: SyntaxNode[]): Expr {
    const opNode = c[1]!;
    const op = BIN_OPS[opNode.name];
    if (!op) return this.fail(`unsupported operator ${this.src(opNode)}`, opNode);
    let returnBool = false;
    let matching: VectorMatching | undefined;
    for (const k of c.slice(2, -1)) {
      if (k.name === 'BoolModifier') returnBool = true;
      else if (k.name === 'MatchingModifierClause') matching = this.matching(k);
      else if (k.name === 'FillModifier') this.fail('fill modifiers are not supported', k);
    }
    return { kind: 'binary', span: this.span(n), op, opSpan: this.span(opNode), left: this.expr(c[0]!), right: this.expr(c[c.length - 1]!), returnBool, ...(matching ? { matching } : {}) };
  }

  matching(n: SyntaxNode): VectorMatching {
    const c = kids(n);
    const groups = c.filter((k) => k.name === 'GroupingLabels').map((k) => this.labels(k));
    const card = c.some((k) => k.name === 'GroupLeft') ? 'many-to-one' : c.some((k) => k.name === 'GroupRight') ? 'one-to-many' : 'one-to-one';
    return { card, on: c[0]!.name === 'On', labels: groups[0] ?? [], include: groups[1] ?? [] };
  }

  labels(n: SyntaxNode): string[] {
    return kids(n)
      .filter((k) => k.name === 'LabelName' || k.name === 'QuotedLabelName')
      .map((k) => (k.name === 'LabelName' ? this.src(k) : this.string(k.firstChild!)));
  }

  aggregate(n: SyntaxNode, c: SyntaxNode[]): Expr {
    const op = this.src(c[0]!).toLowerCase() as AggregateOp;
    const mod = c.find((k) => k.name === 'AggregateModifier');
    const body = c.find((k) => k.name === 'FunctionCallBody')!;
    const args = kids(body).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',').map((k) => this.expr(k));
    const withParam = ['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'].includes(op);
    const want = withParam ? 2 : 1;
    if (args.length !== want) this.fail(args.length > want ? `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}` : 'no arguments for aggregate expression provided', body);
    const grouping = mod ? this.labels(kids(mod)[1]!) : [];
    return {
      kind: 'aggregate', span: this.span(n), op, expr: args[want - 1]!, ...(withParam ? { param: args[0]! } : {}),
      grouping, without: mod ? kids(mod)[0]!.name === 'Without' : false,
    };
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  if (m.type === '=') return m.value === '';
  if (m.type === '!=') return m.value !== '';
  // The engine checks regexes with RE2; here JS' engine is close enough to tell whether "" matches.
  let matches = false;
  try {
    matches = new RegExp(`^(?:${m.value})$`).test('');
  } catch {
    matches = false;
  }
  return m.type === '=~' ? matches : !matches;
}

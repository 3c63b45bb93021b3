/**
 * The typed PromQL AST, built from the upstream lezer tree (see parse.ts). Mirrors Prometheus'
 * parser/ast.go: every node has its source span (UTF-16 offsets, end exclusive) so errors and
 * annotations can name positions as Prometheus does ("(1:7)").
 */

export interface Span {
  start: number;
  end: number;
}

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  type: MatchType;
  value: string;
}

/** `@ <number>`, `@ start()` or `@ end()`; timestamps in milliseconds. */
export type AtModifier = { kind: 'time'; ms: number } | { kind: 'start' } | { kind: 'end' };

/** A duration as written: a literal, or an experimental duration expression (step(), range(), arithmetic). */
export type DurationExpr =
  | { kind: 'literal'; ms: number }
  | { kind: 'step' }
  | { kind: 'range' }
  | { kind: 'unary'; op: '-' | '+'; expr: DurationExpr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '%' | '^'; left: DurationExpr; right: DurationExpr }
  | { kind: 'call'; fn: 'min_of' | 'max_of'; args: [DurationExpr, DurationExpr] };

export interface VectorSelector {
  kind: 'vectorSelector';
  span: Span;
  name?: string;
  matchers: LabelMatcher[];
  offset?: DurationExpr;
  at?: AtModifier;
}

export interface MatrixSelector {
  kind: 'matrixSelector';
  span: Span;
  vector: VectorSelector;
  range: DurationExpr;
}

export interface SubqueryExpr {
  kind: 'subquery';
  span: Span;
  expr: Expr;
  range: DurationExpr;
  step?: DurationExpr;
  offset?: DurationExpr;
  at?: AtModifier;
}

export interface NumberLiteral {
  kind: 'number';
  span: Span;
  value: number;
}

export interface StringLiteral {
  kind: 'string';
  span: Span;
  value: string;
}

export interface ParenExpr {
  kind: 'paren';
  span: Span;
  expr: Expr;
}

export interface UnaryExpr {
  kind: 'unary';
  span: Span;
  op: '-' | '+';
  expr: Expr;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless';

export interface VectorMatching {
  /** 'one-to-one' unless group_left / group_right. */
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** true for on(…), false for ignoring(…). */
  on: boolean;
  labels: string[];
  /** Labels listed in group_left(…) / group_right(…). */
  include: string[];
}

export interface BinaryExpr {
  kind: 'binary';
  span: Span;
  op: BinaryOp;
  /** Where the operator token sits (for annotations). */
  opSpan: Span;
  left: Expr;
  right: Expr;
  returnBool: boolean;
  /** Set when an on/ignoring clause was written or both sides are vectors. */
  matching?: VectorMatching;
}

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'quantile' | 'count_values' | 'limitk' | 'limit_ratio';

export interface AggregateExpr {
  kind: 'aggregate';
  span: Span;
  op: AggregateOp;
  expr: Expr;
  param?: Expr;
  grouping: string[];
  without: boolean;
}

export interface Call {
  kind: 'call';
  span: Span;
  func: string;
  args: Expr[];
}

/** `step()`, `range()`, `min_of(…)` used as expressions: a scalar computed from the query's parameters. */
export interface DurationValueExpr {
  kind: 'duration';
  span: Span;
  expr: DurationExpr;
}

export type Expr =
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | StringLiteral
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call
  | DurationValueExpr;

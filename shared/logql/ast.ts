/**
 * The typed LogQL syntax tree, after Loki's pkg/logql/syntax (ast.go). The parser
 * (lezer tree → this) lives in parse.ts; the engine (main/engines/logql) and the editor
 * consume it. Every node has its source span [from, to) so errors and edits point at
 * the user's text. Durations are nanoseconds as numbers (exact up to ~104 days).
 */
export interface Span {
  from: number;
  to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  span: Span;
}

// ---------------------------------------------------------------- log queries

export type LineFilterOp = '|=' | '!=' | '|~' | '!~' | '|>' | '!>';
/** `"text"` or `ip("cidr")`. */
export type LineFilterValue = { kind: 'string'; value: string; span: Span } | { kind: 'ip'; pattern: string; span: Span };

/** `|= "a" or "b"`: one operator, alternatives joined by `or`. */
export interface LineFilterStage {
  kind: 'lineFilter';
  op: LineFilterOp;
  values: LineFilterValue[];
  span: Span;
}

/** `label="expression"` of json / logfmt parameters; a bare `label` means expression = label. */
export interface ExtractionParam {
  label: string;
  expr: string;
  span: Span;
}

export type ParserStage =
  | { kind: 'json'; params: ExtractionParam[]; span: Span }
  | { kind: 'logfmt'; strict: boolean; keepEmpty: boolean; params: ExtractionParam[]; span: Span }
  | { kind: 'regexp'; pattern: string; span: Span }
  | { kind: 'pattern'; pattern: string; span: Span }
  | { kind: 'unpack'; span: Span };

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export type LabelFilterExpr =
  | { kind: 'and' | 'or'; left: LabelFilterExpr; right: LabelFilterExpr; span: Span }
  | { kind: 'string'; matcher: LabelMatcher; span: Span }
  | { kind: 'number'; name: string; op: CompareOp; value: number; span: Span }
  /** value in nanoseconds */
  | { kind: 'duration'; name: string; op: CompareOp; value: number; span: Span }
  /** value in bytes */
  | { kind: 'bytes'; name: string; op: CompareOp; value: number; span: Span }
  | { kind: 'ip'; name: string; op: '=' | '!='; pattern: string; span: Span };

export interface LabelFilterStage {
  kind: 'labelFilter';
  filter: LabelFilterExpr;
  span: Span;
}

export interface LineFormatStage {
  kind: 'lineFormat';
  template: string;
  span: Span;
}

/** `label_format dst=src` (rename) or `dst="{{template}}"`. */
export type LabelFormatOp = { kind: 'rename'; dst: string; src: string; span: Span } | { kind: 'template'; dst: string; template: string; span: Span };
export interface LabelFormatStage {
  kind: 'labelFormat';
  ops: LabelFormatOp[];
  span: Span;
}

/** `drop a, b="x"` / `keep a, b="x"`: a bare name, or a matcher on name and value. */
export type NamedLabel = { name: string; matcher?: undefined; span: Span } | { name: string; matcher: LabelMatcher; span: Span };
export interface DropStage {
  kind: 'drop';
  labels: NamedLabel[];
  span: Span;
}
export interface KeepStage {
  kind: 'keep';
  labels: NamedLabel[];
  span: Span;
}
export interface DecolorizeStage {
  kind: 'decolorize';
  span: Span;
}

export type PipelineStage = LineFilterStage | ParserStage | LabelFilterStage | LineFormatStage | LabelFormatStage | DropStage | KeepStage | DecolorizeStage;

export interface LogQueryExpr {
  kind: 'logQuery';
  matchers: LabelMatcher[];
  stages: PipelineStage[];
  span: Span;
}

// ---------------------------------------------------------------- metric queries

export type RangeOp =
  | 'count_over_time'
  | 'rate'
  | 'rate_counter'
  | 'bytes_over_time'
  | 'bytes_rate'
  | 'avg_over_time'
  | 'sum_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'stddev_over_time'
  | 'stdvar_over_time'
  | 'quantile_over_time'
  | 'first_over_time'
  | 'last_over_time'
  | 'absent_over_time';

export interface Unwrap {
  label: string;
  conversion: 'none' | 'bytes' | 'duration' | 'duration_seconds';
  /** Label filters after the unwrap (`| unwrap x | __error__=""`). */
  postFilters: LabelFilterExpr[];
  span: Span;
}

/** `{…} | stages [range] offset d`, optionally with `| unwrap label`. */
export interface LogRangeExpr {
  kind: 'logRange';
  query: LogQueryExpr;
  rangeNs: number;
  offsetNs: number;
  unwrap: Unwrap | null;
  span: Span;
}

export interface Grouping {
  without: boolean;
  labels: string[];
  /** `by ()` differs from no grouping at all; null means none was written. */
  span: Span;
}

export interface RangeAggregationExpr {
  kind: 'rangeAggregation';
  op: RangeOp;
  /** quantile_over_time's φ. */
  param: number | null;
  range: LogRangeExpr;
  grouping: Grouping | null;
  span: Span;
}

export type VectorOp = 'sum' | 'avg' | 'count' | 'max' | 'min' | 'stddev' | 'stdvar' | 'bottomk' | 'topk' | 'sort' | 'sort_desc' | 'approx_topk';
export interface VectorAggregationExpr {
  kind: 'vectorAggregation';
  op: VectorOp;
  /** k of topk / bottomk / approx_topk. */
  param: number | null;
  grouping: Grouping | null;
  expr: MetricExpr;
  span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '>' | '>=' | '<' | '<=' | 'and' | 'or' | 'unless';
export interface VectorMatching {
  on: boolean;
  labels: string[];
  card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** group_left(include…) / group_right(include…) */
  include: string[];
}
export interface BinaryOpExpr {
  kind: 'binary';
  op: BinaryOp;
  returnBool: boolean;
  matching: VectorMatching | null;
  left: Expr;
  right: Expr;
  span: Span;
}

export interface LiteralExpr {
  kind: 'literal';
  value: number;
  span: Span;
}
export interface VectorExpr {
  kind: 'vector';
  value: number;
  span: Span;
}
export interface LabelReplaceExpr {
  kind: 'labelReplace';
  expr: MetricExpr;
  dst: string;
  replacement: string;
  src: string;
  regex: string;
  span: Span;
}

export type MetricExpr = RangeAggregationExpr | VectorAggregationExpr | BinaryOpExpr | LiteralExpr | VectorExpr | LabelReplaceExpr;
export type Expr = LogQueryExpr | MetricExpr;

/** A parse or validation failure, with Loki's message and where it applies. */
export interface LogqlError {
  /** Exactly as Loki words it, e.g. `parse error at line 1, col 14: syntax error: unexpected $end, expecting } or ,`. */
  message: string;
  span: Span;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: LogqlError };

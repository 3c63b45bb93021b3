// What a lint sees and what it says. A lint is a pure function of one rule in its group (the
// parsed expression, the YAML positions, what is known of metric types); it returns findings
// with exact file positions and, when there is one, a fix as text edits on the file.

import type { Expr as PromExpr } from '../../../../shared/promql/ast';
import type { Expr as LogExpr } from '../../../../shared/logql/ast';
import type { SourceGroup, SourceRule, SourceScalar, TextEdit, TextRange } from './rule-source';

export type RuleLanguage = 'promql' | 'logql';
export type Severity = 'error' | 'warning' | 'info';

/** A metric's type, as a pipeline's metrics stage declares it (Promtail's TYPE line). */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding extends TextRange {
  code: string;
  severity: Severity;
  message: string;
  fix: Fix | null;
}

export type ParsedExpr = { language: 'promql'; expr: PromExpr } | { language: 'logql'; expr: LogExpr };

export interface LintInput {
  /** The whole file (fixes check that they read back as intended). */
  text: string;
  group: SourceGroup;
  rule: SourceRule;
  /** Where the rule sits: group index in the file, rule index in the group. */
  where: { group: number; rule: number };
  /** The expression node in the file (null when the rule has none). */
  exprNode: SourceScalar | null;
  /** The parsed expression; null when it did not parse (that is an error, not a lint). */
  parsed: ParsedExpr | null;
  /** The interval the group is evaluated at: its own, else the evaluator's default. */
  intervalMs: number;
  /** Known metric types by sample name (e.g. from a pipeline's metrics stages). */
  metricTypes: ReadonlyMap<string, MetricType>;
  /** Template execution as Prometheus does it; the error text, or null. */
  expandTemplate?: (ruleName: string, text: string) => string | null;
}

export interface Lint {
  code: string;
  /** One sentence: what it catches. */
  summary: string;
  check(input: LintInput): Finding[];
}

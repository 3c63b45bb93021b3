// A rule file checked for the editor and `vigie rules lint`: what Prometheus or Loki's ruler
// would refuse (YAML, rulefmt validation, expressions, templates) as positioned errors, each
// group's language (PromQL or LogQL), and the lints of every rule that loads.

import { parsePromql } from '../../../../shared/promql/parse';
import type { Expr as PromExpr } from '../../../../shared/promql/ast';
import type { ParseResult as LogqlParse } from '../../../../shared/logql/ast';
import { parseRuleFile } from '../rulefmt';
import { checkTemplateParses } from '../templates';
import { LINTS } from './registry';
import { readRuleSource, snippetParses, type SourceGroup, type SourceRule, type TextRange } from './rule-source';
import type { Finding, Fix, Lint, LintInput, MetricType, ParsedExpr, RuleLanguage } from './types';
import { walkPromql } from './promql-walk';

export interface CheckOptions {
  /** LogQL parsing as Loki validates (RE2 regexes, templates); without it groups are PromQL. */
  parseLogql?: (text: string) => LogqlParse;
  metricTypes?: ReadonlyMap<string, MetricType>;
  /** The evaluation interval of groups that set none (Prometheus and Loki default to 1m). */
  defaultIntervalMs?: number;
  expandTemplate?: LintInput['expandTemplate'];
  lints?: readonly Lint[];
}

export interface FileError extends TextRange {
  message: string;
}

export interface RuleLintFinding extends Finding {
  group: string;
  rule: string;
}

export interface CheckedGroup {
  name: string;
  intervalMs: number | null;
  language: RuleLanguage;
  rules: { kind: 'alerting' | 'recording'; name: string; expr: string; line: number }[];
}

export interface FileCheck {
  errors: FileError[];
  lints: RuleLintFinding[];
  groups: CheckedGroup[];
}

const DEFAULT_INTERVAL_MS = 60_000;
const at = (line: number, column: number): TextRange => ({ line, column, endLine: line, endColumn: column + 1 });

/**
 * A group is Loki ruler's when one expression is a LogQL metric query and not PromQL, or when
 * every expression is a LogQL metric query and none names a metric (Loki's selectors never do:
 * `count_over_time({job="x"}[5m])` is valid in both languages, and only a log stream selector
 * makes sense of it). Anything else is Prometheus'.
 */
export function groupLanguage(exprs: readonly string[], parseLogql: CheckOptions['parseLogql']): RuleLanguage {
  if (!parseLogql || exprs.length === 0) return 'promql';
  let logqlOnly = false;
  let allLogql = true;
  let named = false;
  for (const e of exprs) {
    const l = parseLogql(e);
    const isLogql = l.ok && l.expr.kind !== 'logQuery';
    const p = parsePromql(e);
    if (isLogql && !p.ok) logqlOnly = true;
    if (!isLogql) allLogql = false;
    if (p.ok) walkPromql(p.expr, (n: PromExpr) => void (n.kind === 'vectorSelector' && (n.name || n.matchers.some((m) => m.name === '__name__')) && (named = true)));
  }
  return logqlOnly || (allLogql && !named) ? 'logql' : 'promql';
}

export function checkRuleFile(text: string, options: CheckOptions = {}): FileCheck {
  const loaded = parseRuleFile(text);
  const isTemplateError = (m: string) => /: (label|annotation) "[^"]*": error parsing template/.test(m);
  const errors: FileError[] = [];
  const source = readRuleSource(text);
  if (!loaded.ok) {
    for (const e of loaded.errors) {
      if (isTemplateError(e.message)) continue;
      // rulefmt has no position for a missing field: the rule's own entry stands in.
      const where = e.line ? { line: e.line, column: e.column ?? 1 } : ruleEntry(source, e.message);
      errors.push({ message: e.message.replace(/^0:0: /, ''), ...at(where.line, where.column) });
    }
    // A file YAML cannot read has no groups to say more about.
    if (errors.some((e) => e.message.startsWith('yaml: '))) return { errors, lints: [], groups: [] };
  }
  const lints: RuleLintFinding[] = [];
  const groups: CheckedGroup[] = [];
  for (const [gi, g] of source.groups.entries()) {
    const exprs = g.rules.map((r) => r.expr?.value ?? '').filter((e) => e.trim() !== '');
    const language = groupLanguage(exprs, options.parseLogql);
    groups.push({ name: g.name, intervalMs: g.intervalMs, language, rules: g.rules.map((r) => ({ kind: r.kind, name: r.name, expr: r.expr?.value ?? '', line: r.pos.line })) });
    lints.push(...checkGroup(text, gi, g, language, options, errors));
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { errors, lints, groups };
}

function ruleEntry(source: ReturnType<typeof readRuleSource>, message: string): { line: number; column: number } {
  const m = /group ("(?:[^"\\]|\\.)*"), rule (\d+),/.exec(message);
  if (!m) return { line: 1, column: 1 };
  const g = source.groups.find((x) => JSON.stringify(x.name) === m[1]);
  return g?.rules[Number(m[2]) - 1]?.pos ?? g?.pos ?? { line: 1, column: 1 };
}

function checkGroup(text: string, gi: number, g: SourceGroup, language: RuleLanguage, options: CheckOptions, errors: FileError[]): RuleLintFinding[] {
  const out: RuleLintFinding[] = [];
  for (const [ri, rule] of g.rules.entries()) {
    for (const [kind, list] of [['label', rule.labels], ['annotation', rule.annotations]] as const) {
      if (rule.kind !== 'alerting') continue;
      for (const { key, value } of list) {
        const err = checkTemplateParses(rule.name, value.value);
        if (err) errors.push({ message: `group ${JSON.stringify(g.name)}, rule ${JSON.stringify(rule.name)}, ${kind} ${JSON.stringify(key)}: ${err}`, ...value.range });
      }
    }
    const node = rule.expr;
    let parsed: ParsedExpr | null = null;
    if (node && node.value.trim() !== '') {
      const r = parseExpr(node.value, language, options);
      if (r.ok) parsed = r.parsed;
      else {
        const from = Math.min(r.start, node.value.length);
        const range = node.span(from, Math.min(node.value.length, Math.max(r.end, from + 1)));
        // An error at the end of the input still marks one column.
        if (range.endLine === range.line && range.endColumn <= range.column) range.endColumn = range.column + 1;
        errors.push({ message: `group ${JSON.stringify(g.name)}, rule ${JSON.stringify(rule.name)}: could not parse expression: ${r.message}`, ...range });
      }
    }
    const input: LintInput = {
      text, group: g, rule, where: { group: gi, rule: ri }, exprNode: node, parsed,
      intervalMs: g.intervalMs ?? options.defaultIntervalMs ?? DEFAULT_INTERVAL_MS,
      metricTypes: options.metricTypes ?? new Map(),
      ...(options.expandTemplate ? { expandTemplate: options.expandTemplate } : {}),
    };
    for (const lint of options.lints ?? LINTS) {
      for (const f of lint.check(input)) out.push({ ...f, fix: f.fix && fixLoads(text, rule, f.fix) ? f.fix : null, group: g.name, rule: rule.name });
    }
  }
  return out;
}

/** A fix is offered only if the rule's lines it edits still read as YAML (checked on those lines alone). */
function fixLoads(text: string, rule: SourceRule, fix: Fix): boolean {
  return snippetParses(text, rule.pos.line, rule.endLine, fix.edits) !== null;
}

function parseExpr(text: string, language: RuleLanguage, options: CheckOptions): { ok: true; parsed: ParsedExpr } | { ok: false; message: string; start: number; end: number } {
  if (language === 'promql') {
    const r = parsePromql(text);
    return r.ok ? { ok: true, parsed: { language, expr: r.expr } } : { ok: false, message: r.error.message, start: r.error.start, end: r.error.end };
  }
  const r = options.parseLogql!(text);
  if (!r.ok) return { ok: false, message: r.error.message, start: r.error.span.from, end: r.error.span.to };
  // Loki's ruler evaluates samples: a log query has none.
  if (r.expr.kind === 'logQuery') return { ok: false, message: 'a Loki ruler expression must be a metric query (a log query returns lines, not samples)', start: 0, end: text.length };
  return { ok: true, parsed: { language, expr: r.expr } };
}

// absent(v) returns one series when v has none, with labels taken only from v's equality
// matchers (Prometheus' docs: absent(nonexistent{job="myjob",instance=~".*"}) => {job="myjob"}).
// Without any, the alert carries no label saying what is missing; a regex or negative matcher
// is dropped from its labels, and the alert fires only when no series matches at all — not when
// one of several targets disappears. The same holds for absent_over_time, in PromQL and LogQL.

import { collect } from '../../../../shared/logql/walk';
import type { Expr, VectorSelector } from '../../../../shared/promql/ast';
import { walkPromql } from './promql-walk';
import type { Finding, Lint, LintInput } from './types';

interface Matcher { name: string; type: string; value: string }

function findings(input: LintInput, fn: string, matchers: readonly Matcher[], span: { start: number; end: number }): Finding[] {
  const node = input.exprNode!;
  const labels = matchers.filter((m) => m.name !== '__name__');
  const at = node.span(span.start, span.end);
  const loose = labels.filter((m) => m.type !== '=');
  if (loose.length > 0) {
    const shown = loose.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).join(', ');
    return [{
      code: 'absent-regex-matcher', severity: 'warning', ...at, fix: null,
      message: `${fn}() only copies equality matchers into its result, so ${shown} is not in the alert's labels; and it returns a series only when nothing matches at all, not when one of the matching series disappears. To alert per missing series, list each with =, or compare against an expected set (e.g. up == 0)`,
    }];
  }
  if (labels.length === 0) {
    return [{
      code: 'absent-without-labels', severity: 'info', ...at, fix: null,
      message: `${fn}() over a selector without label matchers returns a series with no labels: the alert cannot say which job or instance is missing. Add equality matchers (e.g. {job="…"}) so they become the alert's labels`,
    }];
  }
  return [];
}

function check(input: LintInput): Finding[] {
  const { parsed, exprNode } = input;
  if (!parsed || !exprNode) return [];
  const out: Finding[] = [];
  if (parsed.language === 'promql') {
    walkPromql(parsed.expr, (n: Expr) => {
      if (n.kind !== 'call' || (n.func !== 'absent' && n.func !== 'absent_over_time')) return;
      const arg = n.args[0];
      const sel: VectorSelector | undefined = arg?.kind === 'vectorSelector' ? arg : arg?.kind === 'matrixSelector' ? arg.vector : undefined;
      if (sel) out.push(...findings(input, n.func, sel.matchers, n.span));
    });
  } else {
    for (const r of collect(parsed.expr, 'rangeAggregation')) {
      if (r.op !== 'absent_over_time') continue;
      const ms = r.range.query.matchers.map((m) => ({ name: m.name, type: m.op, value: m.value }));
      out.push(...findings(input, r.op, ms, { start: r.span.from, end: r.span.to }));
    }
  }
  return out;
}

export const absentLabels: Lint = { code: 'absent-labels', summary: 'absent() whose result cannot name what is missing', check };

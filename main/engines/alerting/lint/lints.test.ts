import { describe, expect, it } from 'vitest';
import { parseLogql } from '../../../../shared/logql/parse';
import { parseRuleFile } from '../rulefmt';
import { checkRuleFile } from './check-file';
import { applyEdits, readRuleSource } from './rule-source';
import type { MetricType } from './types';
import { usesValue } from './value-in-label';

const rule = (body: string, group = '') => `groups:\n- name: g\n${group}  rules:\n  - alert: A\n${body}`;
const check = (text: string, types: Record<string, MetricType> = {}) =>
  checkRuleFile(text, { parseLogql: (q) => parseLogql(q), metricTypes: new Map(Object.entries(types)), expandTemplate: (_n, t) => (t.includes('humanize "x"') ? 'strconv.ParseFloat: parsing "x": invalid syntax' : null) });

interface Case {
  name: string;
  text: string;
  types?: Record<string, MetricType>;
  code: string;
  /** Expected severity, position (line:column-endColumn on one line, or line:column). */
  severity?: 'error' | 'warning' | 'info';
  at?: string;
  /** The expression after the fix, or the rule's field after it (for: / labels / annotations). */
  fixed?: string | ((file: string) => unknown);
  wantFixed?: unknown;
  none?: boolean;
}

const fixedExpr = (file: string) => readRuleSource(file).groups[0]!.rules[0]!.expr!.value;

const CASES: Case[] = [
  { name: 'the seed rule (a _total counter above 1) is flagged and rewritten to increase(…[5m]) > 0', text: rule('    expr: promtail_custom_error_total > 1\n    for: 1m\n'), code: 'counter-threshold', severity: 'warning', at: '5:11-42', fixed: 'increase(promtail_custom_error_total[5m]) > 0' },
  { name: 'a counter known from the pipeline is flagged whatever its name', text: rule('    expr: sum(errors) >= 3\n    for: 1m\n'), types: { errors: 'counter' }, code: 'counter-threshold', fixed: 'sum(increase(errors[5m])) > 0' },
  { name: 'a series the pipeline declares a gauge is not a counter, even named _total', text: rule('    expr: queue_total > 1\n    for: 1m\n'), types: { queue_total: 'gauge' }, code: 'counter-threshold', none: true },
  { name: 'a counter under rate() is not flagged', text: rule('    expr: rate(x_total[5m]) > 1\n    for: 1m\n'), code: 'counter-threshold', none: true },
  { name: 'the window follows the group interval: five intervals when over 5m', text: rule('    expr: x_total > 1\n    for: 5m\n', '  interval: 2m\n'), code: 'counter-threshold', fixed: 'increase(x_total[10m]) > 0' },
  { name: 'an equality keeps its operator and threshold, on the increase', text: rule('    expr: x_count == 0\n    for: 1m\n'), code: 'counter-threshold', fixed: 'increase(x_count[5m]) == 0' },
  { name: 'a threshold on the left is rewritten on the left', text: rule('    expr: 1 < x_total\n    for: 1m\n'), code: 'counter-threshold', fixed: '0 < increase(x_total[5m])' },
  { name: 'a block scalar is fixed in place, positions inside it', text: rule('    expr: |\n      sum by (job) (x_total)\n        > 10\n    for: 1m\n'), code: 'counter-threshold', at: '6:7-7:13', fixed: 'sum by (job) (increase(x_total[5m]))\n  > 0\n' },
  { name: 'a flow map gets the fixed expression as a quoted string', text: 'groups:\n- name: g\n  rules:\n  - {alert: A, expr: x_total > 1, for: 1m}\n', code: 'counter-threshold', fixed: 'increase(x_total[5m]) > 0' },
  { name: 'a LogQL group has no counter lints', text: rule('    expr: sum(count_over_time({app="a"}[5m])) > 1\n    for: 1m\n'), code: 'counter-threshold', none: true },

  { name: 'rate over a gauge the pipeline declares is a warning, fixed to deriv', text: rule('    expr: rate(queue_size[5m]) > 1\n    for: 1m\n'), types: { queue_size: 'gauge' }, code: 'rate-on-gauge', severity: 'warning', at: '5:11-15', fixed: 'deriv(queue_size[5m]) > 1' },
  { name: 'increase over a gauge-looking name is info, fixed to delta', text: rule('    expr: increase(node_memory_free_bytes[5m]) < 0\n    for: 1m\n'), code: 'rate-on-gauge', severity: 'info', fixed: 'delta(node_memory_free_bytes[5m]) < 0' },
  { name: 'rate over a counter is fine', text: rule('    expr: rate(x_total[5m]) > 1\n    for: 1m\n'), code: 'rate-on-gauge', none: true },

  { name: 'a for shorter than the interval is flagged at the for value, fixed to the interval', text: rule('    expr: up == 0\n    for: 30s\n', '  interval: 1m\n'), code: 'for-shorter-than-interval', severity: 'warning', at: '7:10-13', fixed: (f) => readRuleSource(f).groups[0]!.rules[0]!.forMs, wantFixed: 60_000 },
  { name: 'a for equal to the interval is fine', text: rule('    expr: up == 0\n    for: 1m\n'), code: 'for-shorter-than-interval', none: true },

  { name: 'an alert without for is info, fixed by adding for: 5m', text: rule('    expr: up == 0\n'), code: 'missing-for', severity: 'info', at: '4:12-13', fixed: (f) => readRuleSource(f).groups[0]!.rules[0]!.forMs, wantFixed: 300_000 },
  { name: 'a Loki ruler alert without for gets the same note', text: rule('    expr: sum(count_over_time({app="a"} |= "error" [5m])) > 10\n'), code: 'missing-for', severity: 'info', fixed: (f) => readRuleSource(f).groups[0]!.rules[0]!.forMs, wantFixed: 300_000 },
  { name: 'an alert without for in a flow map gets for inside the braces', text: 'groups:\n- name: g\n  rules:\n  - {alert: A, expr: up == 0}\n', code: 'missing-for', fixed: (f) => readRuleSource(f).groups[0]!.rules[0]!.forMs, wantFixed: 300_000 },

  { name: 'a label templated from $value is flagged and moved to the annotations', text: rule('    expr: x > 1\n    for: 1m\n    labels:\n      severity: critical\n      value: "{{ $value }}"\n    annotations:\n      summary: s\n'), code: 'value-in-label', severity: 'warning', at: '9:14-28',
    fixed: (f) => { const r = readRuleSource(f).groups[0]!.rules[0]!; return [r.labels.map((l) => l.key), r.annotations.map((a) => a.key)]; }, wantFixed: [['severity'], ['value', 'summary']] },
  { name: 'a label from .Value without annotations makes an annotations block', text: rule('    expr: x > 1\n    for: 1m\n    labels:\n      v: "{{ .Value }}"\n'), code: 'value-in-label',
    fixed: (f) => { const r = readRuleSource(f).groups[0]!.rules[0]!; return [r.labels.length, r.annotations.map((a) => `${a.key}=${a.value.value}`)]; }, wantFixed: [0, ['v={{ .Value }}']] },
  { name: '$value in an annotation is fine', text: rule('    expr: x > 1\n    for: 1m\n    annotations:\n      v: "{{ $value }}"\n'), code: 'value-in-label', none: true },

  { name: 'absent() without labels is info', text: rule('    expr: absent(up)\n    for: 1m\n'), code: 'absent-without-labels', severity: 'info', at: '5:11-21' },
  { name: 'absent() with a regex matcher is a warning', text: rule('    expr: absent(up{job=~"a|b"})\n    for: 1m\n'), code: 'absent-regex-matcher', severity: 'warning' },
  { name: 'absent() with equality matchers is fine', text: rule('    expr: absent(up{job="a"})\n    for: 1m\n'), code: 'absent-without-labels', none: true },
  { name: 'LogQL absent_over_time without labels is flagged too', text: rule('    expr: absent_over_time({job=~".+"} |= "x" [5m])\n    for: 1m\n'), code: 'absent-regex-matcher' },

  { name: 'a template that fails when expanded is a warning at its value', text: rule('    expr: x > 1\n    for: 1m\n    annotations:\n      s: \'{{ humanize "x" }}\'\n'), code: 'template-error', severity: 'warning', at: '8:10-30' },
];

function parseAt(f: { line: number; column: number; endLine: number; endColumn: number }): string {
  return f.endLine === f.line ? `${f.line}:${f.column}-${f.endColumn}` : `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
}

describe('rule lints', () => {
  it.each(CASES)('$name', (c) => {
    const r = check(c.text, c.types);
    expect(r.errors).toEqual([]);
    const found = r.lints.filter((l) => l.code === c.code);
    if (c.none) return void expect(found).toEqual([]);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.message.length).toBeGreaterThan(20);
    if (c.severity) expect(f.severity).toBe(c.severity);
    if (c.at) expect(parseAt(f)).toBe(c.at);
    if (c.fixed === undefined) return;
    expect(f.fix).not.toBeNull();
    const after = applyEdits(c.text, f.fix!.edits);
    expect(parseRuleFile(after).ok).toBe(true);
    if (typeof c.fixed === 'string') expect(fixedExpr(after)).toBe(c.fixed);
    else expect(c.fixed(after)).toEqual(c.wantFixed);
  });

  it('a parse error or an unknown function is an error of the file, not a lint', () => {
    const r = check(rule('    expr: rate(x[5m]\n    for: 1m\n'));
    expect(r.errors).toHaveLength(1);
    expect(r.lints.filter((l) => l.severity === 'error')).toEqual([]);
  });
});

describe('which templates read the value', () => {
  it.each([
    ['{{ $value }}', true], ['{{ $value | humanize }}', true], ['{{ .Value }}', true], ['{{ $.Value }}', true], ['{{ printf "%.0f" $value }}', true],
    ['{{/* $value */}}static', false], ['$value is text, not an action', false], ['{{ $labels.value }}', false], ['{{ .Labels.Value }}', false], ['{{ $labels.instance }}', false],
  ])('%s → %s', (text, want) => {
    expect(usesValue(text)).toBe(want);
  });
});

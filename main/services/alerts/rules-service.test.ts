import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleFileCheckSchema } from '../../../shared/contract/alerts';
import { checkRules } from './check-rules';
import { runRulesTest } from './unit-test';

const HERE = dirname(fileURLToPath(import.meta.url));
const SUITE = resolve(HERE, '../../../../shared/conformance/promtool');
const FIXTURES = resolve(HERE, '../../engines/promtool/fixtures');

describe('rules.check', () => {
  it.each([
    { name: 'a Prometheus group is PromQL', expr: 'rate(http_requests_total[5m]) > 1', want: 'promql' },
    { name: 'a group whose expr is only LogQL is a Loki ruler group', expr: 'sum(rate({app="x"} |= "error" [5m])) > 1', want: 'logql' },
    { name: 'an expr valid in both languages without a metric name is LogQL (Loki selectors name none)', expr: 'count_over_time({app="x"}[5m]) > 1', want: 'logql' },
    { name: 'an expr valid in both languages with a metric name is PromQL', expr: 'count_over_time(up{job="x"}[5m]) > 1', want: 'promql' },
  ])('$name', ({ expr, want }) => {
    const c = checkRules(`groups:\n- name: g\n  rules:\n  - alert: A\n    expr: '${expr}'\n    for: 5m\n`);
    expect(c.errors).toEqual([]);
    expect(c.groups[0]!.language).toBe(want);
  });

  it.each([
    { name: 'a PromQL error inside a block scalar points at its line and column in the file', expr: '    expr: |\n      sum(rate(x[5m]))\n        > > 1\n', line: 7, column: 11, message: /unexpected ">"/ },
    { name: 'a PromQL error in a quoted scalar points inside the quotes', expr: '    expr: "rate(x[5m]"\n', line: 5, column: 22, message: /unclosed left parenthesis/ },
    { name: 'a LogQL error in a Loki group is worded as Loki words it', expr: '    expr: sum(count_over_time({app="x"} |= "a" [5m])) > 1\n  - alert: B\n    expr: sum(count_over_time({app="x"} |~ "(" [5m]))\n', line: 7, column: 41, message: /error parsing regexp: missing closing \)/ },
  ])('$name', ({ expr, line, column, message }) => {
    const c = checkRules(`groups:\n- name: g\n  rules:\n  - alert: A\n${expr}`);
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]).toMatchObject({ line, column });
    expect(c.errors[0]!.message).toMatch(message);
  });

  it('a template that does not parse is an error at its label value', () => {
    const c = checkRules('groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ nope }}"\n');
    expect(c.errors).toEqual([expect.objectContaining({ line: 7, column: 16, message: expect.stringContaining('function "nope" not defined') })]);
  });

  it('YAML and rulefmt errors keep rulefmt wording and a position', () => {
    expect(checkRules('groups:\n- name: g\n  rules:\n  - alert: A\n    expr: [\n').errors[0]!.message).toMatch(/^yaml: line \d+/);
    const c = checkRules('groups:\n- name: g\n  rules:\n  - expr: up\n');
    expect(c.errors[0]).toMatchObject({ line: 4, message: expect.stringContaining("one of 'record' or 'alert' must be set") });
  });
});

describe('rules.test', () => {
  it('prints what promtool prints for the failing conformance file, exit 1', async () => {
    const read = (f: string) => readFileSync(resolve(SUITE, f), 'utf8');
    const r = await runRulesTest({ test: read('failing.yml'), ruleFiles: { 'rules.yml': read('rules.yml') } });
    expect(r.exitCode).toBe(1);
    const recorded = readFileSync(resolve(FIXTURES, 'failing.stderr'), 'utf8');
    // The recorded run names the file failing.yml; the test text here is unittest.yml.
    expect(r.output).toContain(recorded.split('\n').slice(0, 6).join('\n'));
    expect(r.output.startsWith('Unit Testing:  unittest.yml\n')).toBe(true);
  });

  it('a passing file prints SUCCESS, exit 0; a missing rule file is reported as promtool does', async () => {
    const read = (f: string) => readFileSync(resolve(SUITE, f), 'utf8');
    const ok = await runRulesTest({ test: read('long-period.yml'), ruleFiles: { 'rules.yml': read('rules.yml') } });
    expect(ok).toEqual({ exitCode: 0, output: 'Unit Testing:  unittest.yml\n  SUCCESS\n\n' });
    const missing = await runRulesTest({ test: read('long-period.yml'), ruleFiles: {} });
    expect(missing.output).toContain('  WARNING: no file match pattern rules.yml');
  });
});

describe('rules.check with a pipeline', () => {
  it("takes series types from the pipeline's metrics stages: a gauge named _total is no counter", async () => {
    const { checkRulesHandler } = await import('./check-rules');
    const pipeline = '- metrics:\n    queue_total: {type: Gauge, description: q, config: {action: set}}\n    hits: {type: Counter, description: h, config: {match_all: true, action: inc}}\n';
    const rules = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: promtail_custom_queue_total > 1 or promtail_custom_hits > 1\n    for: 1m\n';
    const codes = (p?: string) => ruleFileCheckSchema.parse(checkRulesHandler({ rules, ...(p ? { pipeline: p } : {}) })).lints.filter((l) => l.code === 'counter-threshold').map((l) => l.message.split(' ')[0]);
    expect(codes()).toEqual(['promtail_custom_queue_total']);
    expect(codes(pipeline)).toEqual(['promtail_custom_hits']);
  });
});

describe('rules.check never throws on odd input', () => {
  const base = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: errors_total > 1\n    labels: {v: "{{ $value }}"}\n';
  // Every prefix of a real file, and shapes YAML allows but rulefmt does not expect.
  const prefixes = Array.from({ length: base.length + 1 }, (_, i) => base.slice(0, i));
  it.each([
    ...prefixes,
    'groups: 5', '- a', '{{', 'groups:\n- rules: 7', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: {a: b}\n',
    'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n', 'groups:\n- name: g\n  rules:\n  - alert: [A]\n    expr: up\n    labels: [a, b]\n    for: soon\n',
    'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: "\\u00e9\\t(up"\n', '\uFEFFgroups: []\n', 'groups:\n- &a {name: g, rules: [{alert: A, expr: up}]}\n- *a\n',
  ])('%j', (text) => {
    const r = ruleFileCheckSchema.parse(checkRules(text));
    for (const x of [...r.errors, ...r.lints]) {
      expect(x.line).toBeGreaterThanOrEqual(1);
      expect(x.column).toBeGreaterThanOrEqual(1);
    }
  });
});

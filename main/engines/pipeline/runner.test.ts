import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { nodeStageContext } from '../../cli/conformance/runners/pipeline-runner';
import { compileJmes, searchJmes } from './jmespath';
import { MetricsRegistry } from './metrics-registry';
import { buildPipeline } from './runner';
import type { PipelineEntry } from './types';

const entry = (line: string, labels: Record<string, string> = {}, extracted: Record<string, unknown> = {}): PipelineEntry => ({
  labels,
  extracted,
  line,
  timestampNs: 1_000_000_000n,
  structuredMetadata: {},
});

function build(yaml: string, metrics = new MetricsRegistry()) {
  return buildPipeline(parse(yaml), nodeStageContext(metrics));
}

describe('buildPipeline reports config errors as Promtail words them', () => {
  it.each([
    ['an unknown stage type', '- nope: {}', 'invalid nope stage config: Unknown stage type: nope'],
    ['a stage map with two keys', '- regex: {expression: a}\n  json: {}', 'pipeline stage must contain only one key'],
    ['a stage that is not a map', '- regex', 'make sure each stage of your pipeline is a YAML object'],
    ['a regex with a bad pattern', '- regex: {expression: "(?P<x"}', 'invalid regex stage config: could not compile regular expression: error parsing regexp'],
    ['a json stage without expressions', '- json: {}', 'invalid json stage config: JMES expression is required'],
    ['a bad JMESPath expression', '- json: {expressions: {a: "3##"}}', "could not compile JMES expression: SyntaxError: Unknown char: '#'"],
    ['a metric of unknown type', '- metrics: {m: {type: pipe}}', "invalid metric type 'pipe'"],
    ['a counter with count_entry_bytes and inc', '- metrics: {m: {type: counter, config: {match_all: true, count_entry_bytes: true, action: inc}}}', '`count_entry_bytes: true` can only be used with `action: add`'],
    ['a sub-second max_idle_duration', '- metrics: {m: {type: gauge, max_idle_duration: 10ms, config: {action: set}}}', 'max_idle_duration less than 1s not allowed'],
    ['a tenant stage with two sources', '- tenant: {source: a, value: b}', 'mutually exclusive'],
  ])('rejects %s', (_name, yaml, text) => {
    const r = build(yaml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(text);
  });
});

describe('a pipeline processes entries as Promtail does', () => {
  it('copies the labels into the extracted map before the first stage', () => {
    const r = build('- regex: {expression: "(?P<service>[^/]+)\\\\.log", source: filename}\n- labels: {service: }');
    if (!r.ok) throw new Error(r.error);
    const out = r.pipeline.process(entry('x', { filename: '/var/log/api.log' })).entries;
    expect(out[0]!.labels).toEqual({ filename: '/var/log/api.log', service: 'api' });
    expect(out[0]!.extracted.filename).toBe('/var/log/api.log');
  });

  it('traces each stage with the entry before and after and its notes', () => {
    const r = build('- regex: {expression: "^(?P<a>\\\\d+)$"}\n- output: {source: a}');
    if (!r.ok) throw new Error(r.error);
    const res = r.pipeline.process(entry('nope'), { trace: true });
    expect(res.trace!.map((t) => [t.type, t.path, t.notes])).toEqual([
      ['regex', 'regex[0]', ['regex did not match']],
      ['output', 'output[1]', ['extracted output could not be found: a']],
    ]);
    expect(res.trace![0]!.before.line).toBe('nope');
  });

  it('traces the stages nested in match under its path, each with its own notes', () => {
    const r = build('- match:\n    selector: \'{job="a"}\'\n    stages:\n    - regex: {expression: "(?P<n>\\\\d+)"}\n    - labels: {n: }\n- output: {source: n}');
    if (!r.ok) throw new Error(r.error);
    const res = r.pipeline.process(entry('id 42', { job: 'a' }), { trace: true });
    expect(res.trace!.map((t) => t.path)).toEqual(['match[0]', 'match[0] > regex[0]', 'match[0] > labels[1]', 'output[1]']);
    expect(res.trace![2]!.after[0]!.labels).toEqual({ job: 'a', n: '42' });
    expect(res.entries[0]!.line).toBe('42');
  });

  it('runs a catastrophic pattern in linear time (RE2)', () => {
    const r = build('- regex: {expression: "^(a+)+$"}');
    if (!r.ok) throw new Error(r.error);
    const t0 = Date.now();
    r.pipeline.process(entry('a'.repeat(50_000) + '!'));
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('replaces capture groups with a template over the extracted map', () => {
    const r = build('- replace: {expression: "password=(\\\\S+)", replace: "{{ .Value | Sha2Hash \\"salt\\" }}"}');
    if (!r.ok) throw new Error(r.error);
    const out = r.pipeline.process(entry('user=a password=secret')).entries[0]!;
    expect(out.line).toMatch(/^user=a password=[0-9a-f]{64}$/);
  });

  it('counts matching lines into the metrics sink on log time', () => {
    const metrics = new MetricsRegistry();
    const r = build('- metrics: {lines: {type: Counter, description: all, config: {match_all: true, action: inc}}}', metrics);
    if (!r.ok) throw new Error(r.error);
    r.pipeline.process({ ...entry('a', { job: 'x', __tenant_id__: 't' }), timestampNs: 30_000_000_000n });
    r.pipeline.process({ ...entry('b', { job: 'x' }), timestampNs: 10_000_000_000n });
    expect(metrics.exposition()).toBe('# HELP promtail_custom_lines all\n# TYPE promtail_custom_lines counter\npromtail_custom_lines{job="x"} 2\n');
    const scraped = metrics.scrape('promtail_custom_lines', 0n, 45_000_000_000n, 15_000_000_000n);
    expect(scraped[0]!.points.map((p) => [p.tNs, p.value])).toEqual([
      [15_000_000_000n, 1],
      [30_000_000_000n, 2],
      [45_000_000_000n, 2],
    ]);
  });
});

describe('JMESPath', () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }] }, level: 'WARN', n: { 'x-y': 3 } };
  it.each([
    ['a.b[1].c', 2],
    ['a.b[*].c', [1, 2]],
    ['a.b[-1].c', 2],
    ['a.b[:1].c', [1]],
    ['n."x-y"', 3],
    ['length(keys(@))', 3],
    ["contains(values(@), 'WARN')", true],
    ['a.b[?c > `1`].c', [2]],
    ['missing.field', null],
  ])('evaluates %s', (expr, want) => {
    const c = compileJmes(expr);
    if (!c.ok) throw new Error(c.error);
    expect(searchJmes(c.node, doc)).toEqual({ ok: true, value: want });
  });
  it.each([
    ['3##', "SyntaxError: Unknown char: '#'"],
    ['a.', 'SyntaxError:'],
    ['foo bar', 'SyntaxError: Unexpected token at the end of the expression'],
  ])('rejects %s', (expr, text) => {
    const c = compileJmes(expr);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toContain(text);
  });
  it('returns a function type error instead of throwing', () => {
    const c = compileJmes('length(`1`)');
    if (!c.ok) throw new Error(c.error);
    expect(searchJmes(c.node, {}).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { hasPromtailPaths, jobQuery } from './promtail-apply';

const FULL = `scrape_configs:
- job_name: system
  static_configs:
  - targets: [localhost]
    labels: {job: varlogs, __path__: /var/log/*log}
  pipeline_stages:
  - regex: {expression: "(?P<x>.*)"}
`;

describe('hasPromtailPaths', () => {
  it('accepts a whole config with a __path__ glob', () => {
    expect(hasPromtailPaths(FULL)).toBe(true);
  });
  it('accepts when any one job of several has a __path__', () => {
    const two = `scrape_configs:\n- job_name: a\n  static_configs:\n  - labels: {job: a}\n- job_name: b\n  static_configs:\n  - labels:\n      __path__: /tmp/*.log\n`;
    expect(hasPromtailPaths(two)).toBe(true);
  });
  it('rejects a bare pipeline_stages list', () => {
    expect(hasPromtailPaths(`- regex:\n    expression: '(?P<level>INFO)'\n- labels:\n    level:\n`)).toBe(false);
  });
  it('rejects a config whose jobs have no __path__ or an empty one', () => {
    expect(hasPromtailPaths(FULL.replace('__path__: /var/log/*log', 'host: x'))).toBe(false);
    expect(hasPromtailPaths(FULL.replace('/var/log/*log', '""'))).toBe(false);
  });
  it('rejects broken YAML and non-configs', () => {
    expect(hasPromtailPaths(FULL.replace('  static_configs:', ' static_configs: ['))).toBe(false);
    expect(hasPromtailPaths('')).toBe(false);
    expect(hasPromtailPaths('scrape_configs: 3')).toBe(false);
  });
});

describe('jobQuery', () => {
  it('quotes the job as a LogQL string', () => {
    expect(jobQuery('varlogs')).toBe('{job="varlogs"}');
    expect(jobQuery('a"b')).toBe('{job="a\\"b"}');
  });
});

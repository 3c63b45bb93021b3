import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuiteFolder } from '../load-suite';
import { parsePromqlScript } from './promql-script';

const SHARED = resolve(__dirname, '../../../../../shared/conformance');

describe('the shared conformance suites', () => {
  it.each<[string, number]>([['promql', 898], ['promtool', 34], ['logql', 447], ['pipeline', 228]])('%s loads %d cases', (family, count) => {
    const { suites } = loadSuiteFolder(resolve(SHARED, family));
    expect(suites.every((s) => s.family === family)).toBe(true);
    expect(suites.reduce((n, s) => n + s.cases.length, 0)).toBe(count);
  });

  it('rules.yml is a rule file, not a suite', () => {
    const { skipped } = loadSuiteFolder(resolve(SHARED, 'promtool'));
    expect(skipped.map((s) => s.path)).toContain(resolve(SHARED, 'promtool/rules.yml'));
  });
});

describe('promqltest scripts', () => {
  const script = ['load 1m', '  a 1+1x2', '', 'eval instant at 1m a', '  a 2', '', 'clear', 'load 5m', '  b{x="{{"} {{sum:1}}', '', '# c', 'eval range from 0 to 5m step 5m b', '  expect warn', '  b{x="y"} {{sum:1}} _'].join('\n');
  const cases = parsePromqlScript(script, 's.test');

  it('names each eval by its line and expression', () => {
    expect(cases.map((c) => c.name)).toEqual(['line 4: a', 'line 12: b']);
  });

  it('gives each eval the loads since the last clear', () => {
    expect(cases.map((c) => c.loads.map((l) => l.line))).toEqual([[1], [8]]);
  });

  it('marks an eval expecting native histograms out of scope', () => {
    expect(cases.map((c) => c.outOfScope)).toEqual([undefined, 'native histograms ({{…}}) are out of scope']);
  });

  it('reports a bad line with its position', () => {
    expect(() => parsePromqlScript('load 1m\n  a 1+\n', 'bad.test')).toThrow('bad.test:2:1');
  });
});

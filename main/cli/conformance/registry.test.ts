import { describe, expect, it } from 'vitest';
import type { CaseOutcome, Suite } from './model';
import { createRegistry, registerCaseRunner } from './registry';
import { runSuites } from './run-suites';
import { formatReport } from './report';
import type { LogqlCase } from './suites/logql-suite';

const logqlCase = (name: string, outOfScope?: string): LogqlCase => ({ name, query: '{a="b"}', kind: 'range', streams: [], ...(outOfScope ? { outOfScope } : {}) });
const suite: Suite<'logql'> = { family: 'logql', name: 's', path: '/s.json', cases: [logqlCase('one'), logqlCase('two'), logqlCase('hist', 'native histograms')] };

describe('running cases through the registry', () => {
  it.each<[string, ((c: LogqlCase) => Promise<CaseOutcome>) | undefined, string[]]>([
    ['without an engine every in-scope case fails, saying so', undefined, ['failed: no engine for logql yet', 'failed: no engine for logql yet', 'unsupported: native histograms']],
    ['an engine decides the in-scope cases', async (c) => (c.name === 'one' ? { status: 'passed' } : { status: 'failed', reason: 'wrong' }), ['passed', 'failed: wrong', 'unsupported: native histograms']],
    ['an engine that throws fails that case only', async (c) => {
      if (c.name === 'one') throw new Error('kaput');
      return { status: 'passed' };
    }, ['failed: the runner threw: kaput', 'passed', 'unsupported: native histograms']],
  ])('%s', async (_title, run, expected) => {
    const registry = createRegistry();
    if (run) registerCaseRunner(registry, 'logql', { run });
    const [result] = await runSuites([suite], registry);
    expect(result!.cases.map(({ outcome: o }) => (o.status === 'passed' ? o.status : `${o.status}: ${o.reason}`))).toEqual(expected);
  });

  it('refuses a second runner for the same family', () => {
    const registry = createRegistry();
    registerCaseRunner(registry, 'logql', { run: async () => ({ status: 'passed' }) });
    expect(() => registerCaseRunner(registry, 'logql', { run: async () => ({ status: 'passed' }) })).toThrow('already registered');
  });

  it('the report counts per suite and in total, verbose adding failures indented', async () => {
    const [result] = await runSuites([suite], createRegistry());
    expect(formatReport([result!], true)).toEqual([
      'logql/s passed 0 failed 2 unsupported 1',
      '  FAIL one: no engine for logql yet',
      '  FAIL two: no engine for logql yet',
      'total passed 0 failed 2 unsupported 1',
    ]);
  });
});

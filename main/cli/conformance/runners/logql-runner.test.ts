import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSuiteFolder } from '../load-suite';
import type { Suite } from '../model';
import { METRIC_NOT_IMPLEMENTED, runLogqlCase } from './logql-runner';

const DEFAULT_CONFORMANCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance');
const LOG_SUITES = ['selectors', 'line-filters', 'parsers-json', 'parsers-logfmt', 'parsers-regexp-pattern', 'label-filters', 'formatting', 'limits-direction'];
const suites = loadSuiteFolder(join(DEFAULT_CONFORMANCE_DIR, 'logql')).suites as Suite<'logql'>[];

describe('the LogQL conformance runner', () => {
  for (const name of LOG_SUITES) {
    const suite = suites.find((s) => s.name === name)!;
    it(`passes every log-query case of ${name} and reports its metric cases as not implemented`, async () => {
      const problems: string[] = [];
      for (const c of suite.cases) {
        const outcome = await runLogqlCase(c);
        if (outcome.status === 'passed') continue;
        if (outcome.status === 'failed' && outcome.reason === METRIC_NOT_IMPLEMENTED) continue;
        problems.push(`${c.name}: ${JSON.stringify(outcome)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('never reports a metric query as passed or unsupported', async () => {
    const c = suites.find((s) => s.name === 'limits-direction')!.cases.find((x) => x.query.startsWith('count_over_time') && !x.expectError)!;
    expect(await runLogqlCase(c)).toEqual({ status: 'failed', reason: METRIC_NOT_IMPLEMENTED });
  });

  it('judges request-level errors as Loki words them', async () => {
    const errors = suites.find((s) => s.name === 'errors')!;
    for (const name of ['limit-above-max-entries', 'end-before-start', 'invalid-direction', 'negative-limit', 'step-zero', 'too-many-points']) {
      const c = errors.cases.find((x) => x.name === name)!;
      expect(await runLogqlCase(c), name).toEqual({ status: 'passed' });
    }
  });
});

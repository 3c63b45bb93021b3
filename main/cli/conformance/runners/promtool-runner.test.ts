import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuiteFile } from '../load-suite';
import { runSuites } from '../run-suites';
import { createRegistry, registerCaseRunner } from '../registry';
import { promtoolCaseRunner } from './promtool-runner';

const DIR = resolve(__dirname, '../../../../../shared/conformance/promtool');

describe('promtool conformance runner', () => {
  it.each([['long-period', 4], ['failing', 4]])('%s: every case reaches promtool\'s verdict', async (name, n) => {
    const loaded = loadSuiteFile(resolve(DIR, `${name}.yml`));
    if (!('suite' in loaded)) throw new Error('not a suite');
    const registry = createRegistry();
    registerCaseRunner(registry, 'promtool', promtoolCaseRunner);
    const [result] = await runSuites([loaded.suite], registry);
    expect(result!.cases.map((c) => c.outcome.status)).toEqual(Array(n).fill('passed'));
  });
});

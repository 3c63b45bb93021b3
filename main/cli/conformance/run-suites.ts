// Runs every case of every suite through the registry, one after another: cases are cheap, and
// a sequential run keeps engines free of cross-case interference and reports reproducible.

import type { AnySuite, CaseContext, Family, Suite, SuiteResult } from './model';
import { runCase, type RunnerRegistry } from './registry';

export async function runSuites(suites: AnySuite[], registry: RunnerRegistry, signal: AbortSignal = new AbortController().signal): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    const ctx = { suite, signal } as CaseContext<Family>;
    const cases = [];
    for (const c of suite.cases as Suite['cases']) {
      cases.push({ name: c.name, outcome: await runCase(registry, suite.family, c, ctx) });
    }
    results.push({ family: suite.family, name: suite.name, cases });
  }
  return results;
}

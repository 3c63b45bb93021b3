import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePromqlScript } from '../suites/promql-script';
import { runPromqlCase } from './promql-runner';

const dir = new URL('../../../../../shared/conformance/promql/', import.meta.url);

describe('promql runner over the shared scripts', () => {
  // Files fully passing today: they must stay green.
  it.each(['collision', 'range_queries', 'selectors', 'staleness'])('%s.test passes every supported eval', (name) => {
    const cases = parsePromqlScript(readFileSync(new URL(`${name}.test`, dir), 'utf8'), name);
    const failed = cases.filter((c) => !c.outOfScope).map((c) => ({ c: c.name, o: runPromqlCase(c) })).filter((r) => r.o.status !== 'passed');
    expect(failed).toEqual([]);
  });
});

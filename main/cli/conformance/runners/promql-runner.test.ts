import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { re2Port } from '../../../adapters/re2/re2-port';
import { parsePromqlScript, type PromqlLoad } from '../suites/promql-script';
import { expandSeriesValues } from '../../../../shared/notation/series-values';
import { runPromqlCase } from './promql-runner';
import { histogramSeries, selectedHistogramSeries } from './promql-histogram-scope';

const dir = new URL('../../../../../shared/conformance/promql/', import.meta.url);
const FILES = ['aggregators', 'collision', 'functions', 'literals', 'operators', 'range_queries', 'selectors', 'staleness'];

describe('promql runner over the shared scripts', () => {
  // Every eval passes, or is out of scope because it touches series with native histograms.
  it.each(FILES)('%s.test passes every eval that does not need native histogram values', (name) => {
    const cases = parsePromqlScript(readFileSync(new URL(`${name}.test`, dir), 'utf8'), name);
    const wrong = cases
      .filter((c) => !c.outOfScope)
      .map((c) => ({ c: c.name, o: runPromqlCase(c) }))
      .filter((r) => r.o.status === 'failed' || (r.o.status === 'unsupported' && !r.o.reason.startsWith('native histograms: the query selects')));
    expect(wrong).toEqual([]);
  });
});

function load(lines: Record<string, string>, withNhcb = false): PromqlLoad[] {
  const series = Object.entries(lines).map(([name, values]) => {
    const [metric, rest] = name.split('|') as [string, string | undefined];
    return { labels: { __name__: metric, ...(rest ? Object.fromEntries(rest.split(',').map((kv) => kv.split('='))) : {}) }, values: expandSeriesValues(values) };
  });
  return [{ line: 1, intervalMs: 60_000, withNhcb, series }];
}

describe('which evals touch native histograms is decided from the loaded data', () => {
  const loads = load({ 'mixed|job=a': '1 {{schema:0 sum:1 count:1}}', 'floats|job=a': '1 2 3', 'floats|job=h': '1 2' });
  it.each([
    ['a selector naming a series with a histogram sample touches it', 'mixed', '{__name__="mixed", job="a"}'],
    ['a series of floats only does not', 'floats', undefined],
    ['a regex on the name reaches it', '{__name__=~"mix.*"}', '{__name__="mixed", job="a"}'],
    ['a matcher that excludes it keeps the query in scope', 'mixed{job!="a"}', undefined],
    ['a selector inside a function, aggregation and subquery is found', 'sum(rate(floats[5m])) + max_over_time(count(mixed)[10m:1m])', '{__name__="mixed", job="a"}'],
    ['a missing label reads as the empty string', 'mixed{instance=""}', '{__name__="mixed", job="a"}'],
    ['a query that does not parse touches nothing (its error is judged)', 'mixed{', undefined],
  ])('%s', (_name, expr, expected) => {
    expect(selectedHistogramSeries(expr, loads, re2Port)).toBe(expected);
  });

  it('load_with_nhcb makes the classic buckets a native histogram named without _bucket and le', () => {
    const nhcb = load({ 'h_bucket|le=0.1,id=1': '0 1', 'h_bucket|le=+Inf,id=1': '0 2' }, true);
    expect(histogramSeries(nhcb).map((l) => Object.fromEntries(l.map((x) => [x.name, x.value])))).toEqual([{ __name__: 'h', id: '1' }]);
    expect(selectedHistogramSeries('h_bucket', nhcb, re2Port)).toBeUndefined();
  });
});

// Bad input and bounded work, with the messages real Prometheus (2.42's HTTP API, checked by
// hand against /api/v1/query and /api/v1/query_range) gives for the same queries.
import { describe, expect, it } from 'vitest';
import { re2Port } from '../../adapters/re2/re2-port';
import { labelsFromRecord } from '../tsdb/labels';
import { createStorage } from '../tsdb/storage';
import { createPromqlEngine } from './engine';

const TEN_YEARS = 10 * 365 * 86_400_000;
const store = createStorage();
for (let i = 0; i < 600; i++) store.append(labelsFromRecord({ __name__: 'x', job: 'a' }), i * 1000, i);
const engine = createPromqlEngine(store, { regex: re2Port });

describe('bad PromQL is refused with Prometheus\' positioned message', () => {
  it.each([
    ['an unclosed parenthesis', 'sum(rate(x[5m])', '1:16: parse error: unclosed left parenthesis'],
    ['a selector left open', 'up{job="a"', '1:11: parse error: unexpected end of input inside braces'],
    ['an unknown function', 'foo(x)', '1:1: parse error: unknown function with name "foo"'],
    ['a function given the wrong argument type', 'rate(x)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['an empty query', '  ', '1:1: parse error: no expression found in input'],
  ])('%s', (_name, query, message) => {
    const r = engine.instantQuery(query, 0);
    expect(r).toMatchObject({ ok: false, error: { type: 'bad_data', message } });
  });
});

describe('work is bounded before it is done', () => {
  it('a range query over 10 years at a 1s step is refused as the HTTP API refuses it', () => {
    const r = engine.rangeQuery('x', 0, TEN_YEARS, 1000);
    expect(r).toMatchObject({ ok: false, error: { type: 'bad_data', message: 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)' } });
  });

  it('11,000 steps are still accepted', () => {
    expect(engine.rangeQuery('x', 0, 11_000_000, 1000).ok).toBe(true);
  });

  it.each([
    ['a 10-year subquery at 1s over a series', 'max_over_time(x[10y:1s])'],
    ['a 10-year subquery at 1s over a constant', 'max_over_time(vector(1)[10y:1s])'],
  ])('%s is refused as too many samples, without evaluating its steps', (_name, query) => {
    const r = engine.instantQuery(query, TEN_YEARS);
    expect(r).toMatchObject({ ok: false, error: { type: 'execution', message: 'query processing would load too many samples into memory in query execution' } });
  });

  it('a range selector holding more samples than maxSamples is refused, through a function or alone', () => {
    const small = createPromqlEngine(store, { regex: re2Port, maxSamples: 100 });
    for (const q of ['x[10y]', 'count_over_time(x[10y])', 'sum_over_time(x[10m:1s])']) {
      expect(small.instantQuery(q, 600_000)).toMatchObject({ ok: false, error: { message: 'query processing would load too many samples into memory in query execution' } });
    }
    expect(small.instantQuery('count_over_time(x[100s])', 599_000)).toMatchObject({ ok: true, value: { result: [{ value: 100 }] } });
  });

  it('a 10-year range selector reads only the samples stored', () => {
    expect(engine.instantQuery('count_over_time(x[10y])', 600_000)).toMatchObject({ ok: true, value: { result: [{ value: 600 }] } });
    expect(engine.instantQuery('count_over_time(x[10y])', TEN_YEARS + 3_600_000)).toMatchObject({ ok: true, value: { resultType: 'vector', result: [] } });
  });
});

describe('histogram_quantile over classic buckets', () => {
  const h = createStorage();
  const bucket = (le: string, v: number, job = 'a') => h.append(labelsFromRecord({ __name__: 'lat_bucket', job, le }), 0, v);
  bucket('0.1', 10);
  bucket('0.5', 30);
  bucket('1', 40);
  bucket('+Inf', 40);
  bucket('0.1', 5, 'b');
  bucket('1', 3, 'b'); // not monotonic: forced, with an info
  bucket('+Inf', 10, 'b');
  bucket('x', 1, 'c');
  const he = createPromqlEngine(h, { regex: re2Port });
  const run = (q: string) => {
    const r = he.instantQuery(q, 0);
    return { values: r.ok && r.value.resultType === 'vector' ? Object.fromEntries(r.value.result.map((s) => [JSON.stringify(s.metric), s.value])) : r, warnings: r.warnings, infos: r.infos };
  };

  it.each([
    ['interpolates inside the bucket holding the rank', 'histogram_quantile(0.5, lat_bucket{job="a"})', { '{"job":"a"}': 0.1 + 0.4 * (10 / 20) }],
    ['the highest quantile is the last finite bound', 'histogram_quantile(1, lat_bucket{job="a"})', { '{"job":"a"}': 1 }],
    ['a quantile above 1 is +Inf', 'histogram_quantile(2, lat_bucket{job="a"})', { '{"job":"a"}': Infinity }],
    ['quantiles of each group, by its labels without le and the name', 'histogram_quantile(0.5, sum by (job, le) (lat_bucket{job=~"a|b"}))', { '{"job":"a"}': 0.1 + 0.4 * (10 / 20), '{"job":"b"}': 0.1 }],
  ])('%s', (_name, q, want) => {
    expect(run(q).values).toEqual(want);
  });

  it('says when monotonicity was forced and when an le label is malformed', () => {
    const r = run('histogram_quantile(0.9, lat_bucket)');
    expect(r.infos).toEqual(['PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "lat_bucket" (1:25)']);
    expect(r.warnings).toEqual(['PromQL warning: bucket label "le" is missing or has a malformed value of "x" for metric name "lat_bucket" (1:25)']);
  });
});

describe('an engine reused across queries (rules, back-tests)', () => {
  it('sees a series added between two queries of the same text', () => {
    const s = createStorage();
    s.append(labelsFromRecord({ __name__: 'm', k: '1' }), 0, 1);
    const e = createPromqlEngine(s, { regex: re2Port });
    const count = () => {
      const r = e.instantQuery('count(m{k=~".+"})', 0);
      return r.ok && r.value.resultType === 'vector' ? r.value.result[0]?.value : undefined;
    };
    expect(count()).toBe(1);
    s.append(labelsFromRecord({ __name__: 'm', k: '2' }), 0, 1);
    expect(count()).toBe(2);
  });

  it('reads samples appended to a series it already selected', () => {
    const s = createStorage();
    const l = labelsFromRecord({ __name__: 'm' });
    s.append(l, 0, 1);
    const e = createPromqlEngine(s, { regex: re2Port });
    expect(e.instantQuery('count_over_time(m[1h])', 60_000)).toMatchObject({ ok: true, value: { result: [{ value: 1 }] } });
    for (let i = 1; i <= 40; i++) s.append(l, i * 1000, i);
    expect(e.instantQuery('count_over_time(m[1h])', 60_000)).toMatchObject({ ok: true, value: { result: [{ value: 41 }] } });
  });
});

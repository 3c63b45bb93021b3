import { describe, expect, it } from 'vitest';
import { re2Port } from '../../adapters/re2/re2-port';
import { labelsFromRecord } from '../tsdb/labels';
import { createStorage } from '../tsdb/storage';
import { createPromqlEngine } from './engine';

const store = createStorage();
for (let i = 0; i <= 10; i++) {
  store.append(labelsFromRecord({ __name__: 'req_total', job: 'a' }), i * 60_000, i * 10);
  store.append(labelsFromRecord({ __name__: 'req_total', job: 'b' }), i * 60_000, i * 20);
}
const engine = createPromqlEngine(store, { regex: re2Port });

describe('promql engine', () => {
  const instant: [string, string, number, Record<string, number>][] = [
    ['a selector returns the last sample in the lookback window', 'req_total{job="a"}', 600_000, { '{"__name__":"req_total","job":"a"}': 100 }],
    ['rate extrapolates and drops the metric name', 'rate(req_total[5m])', 600_000, { '{"job":"a"}': 10 / 60, '{"job":"b"}': 20 / 60 }],
    ['sum aggregates by the listed labels', 'sum by (job) (req_total)', 600_000, { '{"job":"a"}': 100, '{"job":"b"}': 200 }],
    ['one-to-one matching pairs series on all labels but the name', 'req_total / on(job) req_total', 600_000, { '{"job":"a"}': 1, '{"job":"b"}': 1 }],
    ['last_over_time keeps the name', 'last_over_time(req_total{job="b"}[1m])', 60_000, { '{"__name__":"req_total","job":"b"}': 20 }],
  ];
  it.each(instant)('%s', (_n, q, t, want) => {
    const r = engine.instantQuery(q, t);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.resultType !== 'vector') return;
    const got = Object.fromEntries(r.value.result.map((s) => [JSON.stringify(s.metric), s.value]));
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [k, v] of Object.entries(want)) expect(got[k]).toBeCloseTo(v, 9);
  });

  it('a range query evaluates every step and sorts series by labels', () => {
    const r = engine.rangeQuery('req_total', 0, 120_000, 60_000);
    expect(r.ok && r.value.resultType === 'matrix' && r.value.result.map((s) => s.values.map((p) => p.value))).toEqual([[0, 10, 20], [0, 20, 40]]);
  });

  it('reports many-to-many matching with Prometheus\' message', () => {
    const r = engine.instantQuery('req_total + on() req_total', 0);
    expect(!r.ok && r.error.message).toMatch(/^found duplicate series for the match group \{\} on the right hand-side/);
  });

  it('flags rate over a name that is not a counter', () => {
    store.append(labelsFromRecord({ __name__: 'temp' }), 0, 1);
    store.append(labelsFromRecord({ __name__: 'temp' }), 60_000, 2);
    const r = engine.instantQuery('rate(temp[5m])', 60_000);
    expect(r.infos).toEqual(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "temp" (1:6)']);
  });

  it('keeps histogram samples as an opaque kind: seen by absent and count, ignored by max with an info', () => {
    const hs = createStorage();
    hs.append(labelsFromRecord({ __name__: 'm', k: 'f' }), 0, 3);
    hs.appendHistogram(labelsFromRecord({ __name__: 'm', k: 'h' }), 0);
    const he = createPromqlEngine(hs, { regex: re2Port });
    const values = (q: string) => {
      const r = he.instantQuery(q, 0);
      return { v: r.ok && r.value.resultType === 'vector' ? r.value.result.map((s) => s.value) : undefined, infos: r.infos, warnings: r.warnings };
    };
    expect(values('count(m)').v).toEqual([2]);
    expect(values('absent(m{k="h"})').v).toEqual([]);
    expect(values('m{k="h"}').v).toEqual([]);
    expect(values('max(m)')).toEqual({ v: [3], infos: ['PromQL info: ignored histogram in max aggregation (1:1)'], warnings: [] });
    expect(values('sum(m)')).toEqual({ v: [], infos: [], warnings: ['PromQL warning: encountered a mix of histograms and floats for aggregation (1:1)'] });
    expect(values('m > 1').infos).toEqual(['PromQL info: incompatible sample types encountered for binary operator ">": histogram > float (1:1)']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/model/app-error';
import { remoteHandlers } from '../../../main/services/remote/prometheus-queries';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';

let prom: RealPrometheus;
let remote: ReturnType<typeof remoteHandlers>;
const ctx = { signal: new AbortController().signal };

beforeAll(async () => {
  prom = await startRealPrometheus();
  remote = remoteHandlers(async (id) => {
    if (id !== 'p1') throw new AppFailure({ code: 'not_found', message: `no connection ${id}` });
    return { url: prom.url };
  });
});
afterAll(async () => {
  await remote?.dispose();
  await prom?.stop();
});

describe('PromQL on a Prometheus connection (the prometheus.* handlers, real server)', () => {
  it('answers a range query as a matrix with Grafana\'s default step', async () => {
    const { start, end } = prom.fixture;
    const a = await remote.handlers['prometheus.query']({ kind: 'range', connectionId: 'p1', query: 'sum by (code) (rate(vigie_http_requests_total[5m]))', start, end }, ctx);
    expect(a.data.resultType).toBe('matrix');
    expect(a.step).toBe(Math.max(1, Math.round((end - start) / 1000 / 250)));
    if (a.data.resultType !== 'matrix') return;
    expect(a.data.result.map((s) => s.metric.code).sort()).toEqual(['200', '500']);
    expect(a.data.result[0]!.values.length).toBeGreaterThan(100);
  });

  it('answers an instant query as a vector', async () => {
    const a = await remote.handlers['prometheus.query']({ kind: 'instant', connectionId: 'p1', query: 'count(vigie_http_requests_total)', time: prom.fixture.end }, ctx);
    expect(a.data).toMatchObject({ resultType: 'vector', result: [{ metric: {}, value: [prom.fixture.end / 1000, '4'] }] });
  });

  it('lists metric names with their type and help, label names of one metric, and label values', async () => {
    const { metrics } = await remote.handlers['prometheus.metrics']({ connectionId: 'p1' }, ctx);
    expect(metrics.map((m) => m.name)).toContain('vigie_http_requests_total');
    const { names } = await remote.handlers['prometheus.labels']({ connectionId: 'p1', metric: 'vigie_queue_depth' }, ctx);
    expect(names).toContain('__name__');
    expect(names).not.toContain('code');
    const { values } = await remote.handlers['prometheus.labelValues']({ connectionId: 'p1', label: 'code', metric: 'vigie_http_requests_total' }, ctx);
    expect(values).toEqual(['200', '500']);
  });

  it('turns a parse error into a bad-input error at its position, in Prometheus\' words', async () => {
    const e = await remote.handlers['prometheus.query']({ kind: 'instant', connectionId: 'p1', query: 'sum(rate(x[5m])', time: prom.fixture.end }, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppFailure);
    expect((e as AppFailure).error.code).toBe('bad_input');
    expect((e as AppFailure).error.message).toMatch(/parse error/);
  });

  it('says which connection is unknown', async () => {
    await expect(remote.handlers['prometheus.metrics']({ connectionId: 'nope' }, ctx)).rejects.toThrow('no connection nope');
  });
});

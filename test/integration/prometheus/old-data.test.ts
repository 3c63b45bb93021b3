/**
 * The helper can place its data years back (to sit beside old log samples, as the loghub
 * corpora are), and the real server then answers over that time as over recent data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient } from '../../../main/adapters/prometheus/index';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';
import { REQUEST_SERIES } from './openmetrics-fixture';

const END = Date.UTC(2017, 0, 1, 12, 0, 0);

let prom: RealPrometheus;
let client: PrometheusClient;

beforeAll(async () => {
  prom = await startRealPrometheus({ fixture: { end: END, hours: 3, intervalSeconds: 30 } });
  client = createPrometheusClient({ url: prom.url });
});
afterAll(async () => {
  await client?.close();
  await prom?.stop();
});

describe('data backfilled years ago', () => {
  it('spans what was asked', () => {
    expect([prom.fixture.end, prom.fixture.start, prom.fixture.intervalSeconds]).toEqual([END, END - 3 * 3600_000, 30]);
  });

  it('answers a range query over it, every point of the fixture', async () => {
    const r = await client.queryRange({ query: 'sum(vigie_http_requests_total)', start: prom.fixture.start, end: prom.fixture.end, step: 30 });
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.resultType !== 'matrix') throw new Error(`expected a matrix, got ${r.value.resultType}`);
    const perSample = REQUEST_SERIES.reduce((n, s) => n + s.perSample, 0);
    const values = r.value.result[0]!.values;
    expect(values).toHaveLength(3 * 120 + 1);
    expect(values[0]).toEqual([prom.fixture.start / 1000, String(perSample)]);
    expect(values.at(-1)).toEqual([END / 1000, String(perSample * (3 * 120 + 1))]);
  });

  it('has nothing a day later (older than the 5-minute lookback)', async () => {
    const r = await client.query({ query: 'vigie_queue_depth', time: END + 86_400_000 });
    expect(r).toEqual({ ok: true, value: { resultType: 'vector', result: [] }, warnings: [], infos: [] });
  });
});

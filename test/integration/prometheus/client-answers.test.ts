/**
 * The Prometheus client against the real server: for each endpoint, the typed answer equals
 * the server's own JSON fetched independently (plain GET, no client code), and the data is
 * the fixture's (backfilled with promtool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient, type PromResult } from '../../../main/adapters/prometheus/index';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';
import { QUEUES, REQUEST_SERIES, queueDepth } from './openmetrics-fixture';

let prom: RealPrometheus;
let client: PrometheusClient;

beforeAll(async () => {
  prom = await startRealPrometheus();
  client = createPrometheusClient({ url: prom.url });
});
afterAll(async () => {
  await client?.close();
  await prom?.stop();
});

/** The server's answer to a GET, as JSON, with no client code in between. */
async function raw(path: string, params: Record<string, string | string[]> = {}): Promise<{ status: string; data?: unknown; warnings?: string[]; error?: string; errorType?: string }> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  const r = await fetch(`${prom.url}/${path}?${q}`);
  return (await r.json()) as never;
}

function value<T>(r: PromResult<T>): T {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

const sec = (ms: number) => String(ms / 1000);

describe('the client answers what the real Prometheus answers', () => {
  const at = () => prom.fixture.end - 3600_000; // an hour before the last sample: well inside the data
  /** `size`: how many series (vector) or null (scalar, string), so an empty answer cannot pass unnoticed. */
  const cases: { name: string; query: string; type: string; size: number | null }[] = [
    { name: 'an instant vector of counters', query: 'vigie_http_requests_total', type: 'vector', size: 4 },
    { name: 'a rate summed by label', query: 'sum by (instance) (rate(vigie_http_requests_total[5m]))', type: 'vector', size: 2 },
    { name: 'a histogram quantile', query: 'histogram_quantile(0.9, sum by (le) (rate(vigie_request_duration_seconds_bucket[10m])))', type: 'vector', size: 1 },
    { name: 'a scalar', query: 'scalar(sum(vigie_queue_depth))', type: 'scalar', size: null },
    { name: 'a string', query: '"hello"', type: 'string', size: null },
    { name: 'an empty vector (nothing matches)', query: 'vigie_no_such_metric', type: 'vector', size: 0 },
  ];
  for (const c of cases) {
    it(`query: ${c.name}`, async () => {
      const mine = value(await client.query({ query: c.query, time: at() }));
      const theirs = await raw('api/v1/query', { query: c.query, time: sec(at()) });
      expect(theirs.status).toBe('success');
      expect(mine).toEqual(theirs.data);
      expect(mine.resultType).toBe(c.type);
      if (mine.resultType === 'vector') expect(mine.result).toHaveLength(c.size!);
    });
  }

  it('query: the counter values are the backfilled ones', async () => {
    const i = (at() - prom.fixture.start) / 60_000;
    const v = value(await client.query({ query: 'vigie_http_requests_total', time: at() }));
    expect(v.resultType).toBe('vector');
    if (v.resultType !== 'vector') return;
    const got = Object.fromEntries(v.result.map((s) => [`${s.metric.instance}/${s.metric.method}/${s.metric.code}`, s.value[1]]));
    expect(got).toEqual(Object.fromEntries(REQUEST_SERIES.map((s) => [`${s.instance}/${s.method}/${s.code}`, String((i + 1) * s.perSample)])));
  });

  const ranges: { name: string; query: string; hours: number; step: number; series: number }[] = [
    { name: 'a gauge over two hours, one point a minute', query: 'vigie_queue_depth', hours: 2, step: 60, series: 2 },
    { name: 'rates over five hours, 5-minute steps', query: 'rate(vigie_http_requests_total[5m])', hours: 5, step: 300, series: 4 },
    { name: 'a fractional step', query: 'sum(vigie_queue_depth)', hours: 1, step: 37.5, series: 1 },
  ];
  for (const c of ranges) {
    it(`query_range: ${c.name}`, async () => {
      const end = prom.fixture.end;
      const start = end - c.hours * 3600_000;
      const mine = await client.queryRange({ query: c.query, start, end, step: c.step });
      const theirs = await raw('api/v1/query_range', { query: c.query, start: sec(start), end: sec(end), step: String(c.step) });
      expect(theirs.status).toBe('success');
      expect(value(mine)).toEqual(theirs.data);
      const v = value(mine);
      expect(v.resultType === 'matrix' && v.result.length).toBe(c.series);
      if (v.resultType === 'matrix') expect(v.result[0]!.values.length).toBe(Math.floor((c.hours * 3600) / c.step) + 1);
    });
  }

  it('query_range: the gauge values are the backfilled ones', async () => {
    const end = prom.fixture.end;
    const v = value(await client.queryRange({ query: 'vigie_queue_depth{queue="reports"}', start: end - 600_000, end, step: 60 }));
    if (v.resultType !== 'matrix') throw new Error(`expected a matrix, got ${v.resultType}`);
    const last = (end - prom.fixture.start) / 60_000;
    const q = QUEUES.indexOf('reports');
    expect(v.result[0]!.values.map(([, x]) => x)).toEqual(Array.from({ length: 11 }, (_, k) => String(queueDepth(q, last - 10 + k))));
  });

  it('series: the histogram series, as the server lists them and as they were backfilled', async () => {
    const match = ['{__name__=~"vigie_request_duration_seconds.*"}'];
    const mine = value(await client.series({ match, start: prom.fixture.start, end: prom.fixture.end }));
    const theirs = await raw('api/v1/series', { 'match[]': match, start: sec(prom.fixture.start), end: sec(prom.fixture.end) });
    expect(mine).toEqual(theirs.data);
    const expected = prom.fixture.series.filter((s) => s.labels.__name__!.startsWith('vigie_request_duration_seconds')).map((s) => s.labels);
    expect([...mine].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  });

  it('labels: every label name, and those of one selector', async () => {
    expect(value(await client.labels())).toEqual((await raw('api/v1/labels')).data);
    expect(value(await client.labels())).toEqual(['__name__', 'code', 'instance', 'job', 'le', 'method', 'queue']);
    const match = ['vigie_queue_depth'];
    expect(value(await client.labels({ match }))).toEqual((await raw('api/v1/labels', { 'match[]': match })).data);
  });

  it('label values: job, metric names, and values under a selector', async () => {
    expect(value(await client.labelValues('job'))).toEqual(['api', 'worker']);
    expect(value(await client.labelValues('__name__'))).toEqual((await raw('api/v1/label/__name__/values')).data);
    const match = ['vigie_http_requests_total{instance="b"}'];
    const mine = value(await client.labelValues('method', { match }));
    expect(mine).toEqual((await raw('api/v1/label/method/values', { 'match[]': match })).data);
    expect(mine).toEqual(['GET', 'POST']);
  });

  it('metadata: equal to the server JSON (empty: backfilled blocks carry no metadata, and nothing is scraped)', async () => {
    expect(value(await client.metadata())).toEqual((await raw('api/v1/metadata')).data);
  });

  it('buildinfo: the version of /usr/bin/prometheus', async () => {
    const mine = value(await client.buildInfo());
    expect(mine).toEqual((await raw('api/v1/status/buildinfo')).data);
    expect(mine.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('format_query: the query as Prometheus prints it', async () => {
    const q = 'sum(rate(vigie_http_requests_total[5m]))by(job)';
    const mine = value(await client.formatQuery(q));
    expect(mine).toBe((await raw('api/v1/format_query', { query: q })).data);
    expect(mine).toBe('sum by (job) (rate(vigie_http_requests_total[5m]))');
  });

  it('test(): reachable with its version, no credentials needed, queries work', async () => {
    const checks = await client.test();
    const info = value(await client.buildInfo());
    expect(checks.map((c) => [c.check, c.state])).toEqual([
      ['reachable', 'ok'],
      ['auth', 'ok'],
      ['query', 'ok'],
    ]);
    expect(checks[0]!.message).toContain(`Prometheus ${info.version}`);
  });
});

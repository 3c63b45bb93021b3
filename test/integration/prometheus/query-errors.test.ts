/**
 * The real Prometheus' errors, as the client reports them: the server's message verbatim,
 * the kind a caller switches on, and, for parse errors, the position in the query text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, prometheusToAppError, type PrometheusClient, type PrometheusError, type PromResult } from '../../../main/adapters/prometheus/index';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';

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

async function rawError(path: string, params: Record<string, string>): Promise<{ status: number; error: string; errorType: string }> {
  const r = await fetch(`${prom.url}/${path}?${new URLSearchParams(params)}`);
  const body = (await r.json()) as { error: string; errorType: string };
  return { ...body, status: r.status };
}

function failure<T>(r: PromResult<T>): PrometheusError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

describe('parse errors come back with Prometheus’ message and the position it points at', () => {
  const cases: { name: string; query: string; line: number; column: number; says: RegExp }[] = [
    { name: 'an unclosed parenthesis points past the end', query: 'sum(rate(vigie_http_requests_total[5m])', line: 1, column: 40, says: /unclosed left parenthesis/ },
    { name: 'an unknown function points at its name', query: 'nofunc(vigie_queue_depth)', line: 1, column: 1, says: /unknown function with name "nofunc"/ },
    { name: 'an error on the second line counts lines', query: 'sum by (job)\n  (rate(vigie_http_requests_total[5m])', line: 2, column: 39, says: /unclosed left parenthesis/ },
    { name: 'a column after a non-ASCII string counts characters, not bytes', query: '"é" + foo(', line: 1, column: 11, says: /unclosed left parenthesis/ },
    { name: 'a bad duration points at the range', query: 'rate(vigie_http_requests_total[5x])', line: 1, column: 32, says: /bad duration|unexpected/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const e = failure(await client.query({ query: c.query, time: prom.fixture.end }));
      const theirs = await rawError('api/v1/query', { query: c.query, time: String(prom.fixture.end / 1000) });
      expect(theirs.status).toBe(400);
      expect(e.kind).toBe('bad_data');
      expect(e.message).toBe(theirs.error);
      expect(e.message).toMatch(c.says);
      if (e.kind !== 'bad_data') return;
      expect(e.position).toBeDefined();
      expect({ line: e.position!.line, column: e.position!.column }).toEqual({ line: c.line, column: c.column });
      const lines = c.query.split('\n');
      const offset = lines.slice(0, c.line - 1).reduce((n, l) => n + l.length + 1, 0) + c.column - 1;
      expect(e.position!.offset).toBe(offset);
      expect(prometheusToAppError(e)).toEqual({ code: 'bad_input', message: theirs.error, where: { line: c.line, column: c.column, offset } });
    });
  }

  it('format_query reports the same parse error, with its position', async () => {
    const e = failure(await client.formatQuery('sum(x'));
    expect(e).toMatchObject({ kind: 'bad_data', position: { line: 1, column: 6, offset: 5 } });
    expect(e.message).toBe((await rawError('api/v1/format_query', { query: 'sum(x' })).error);
  });

  it('a bad selector in series is placed in that selector', async () => {
    const e = failure(await client.series({ match: ['vigie_queue_depth{queue='] }));
    expect(e.kind).toBe('bad_data');
    expect(e.message).toBe((await rawError('api/v1/series', { 'match[]': 'vigie_queue_depth{queue=' })).error);
  });
});

describe('other errors of the real server', () => {
  it('too many points (a one-second step over four hours) is bad_data with the server’s advice', async () => {
    const end = prom.fixture.end;
    const start = end - 4 * 3600_000;
    const e = failure(await client.queryRange({ query: 'vigie_queue_depth', start, end, step: 1 }));
    const theirs = await rawError('api/v1/query_range', { query: 'vigie_queue_depth', start: String(start / 1000), end: String(end / 1000), step: '1' });
    expect(e).toEqual({ kind: 'bad_data', message: theirs.error });
    expect(e.message).toMatch(/exceeded maximum resolution of 11,000 points per timeseries/);
  });

  it('an end before the start is bad_data', async () => {
    const e = failure(await client.queryRange({ query: 'vigie_queue_depth', start: prom.fixture.end, end: prom.fixture.start, step: 60 }));
    expect(e.kind).toBe('bad_data');
    expect(e.message).toMatch(/end timestamp must not be before start time/);
  });

  it('a many-to-many match fails while running: execution (422)', async () => {
    const query = 'vigie_http_requests_total + on(job) vigie_http_requests_total';
    const e = failure(await client.query({ query, time: prom.fixture.end }));
    const theirs = await rawError('api/v1/query', { query, time: String(prom.fixture.end / 1000) });
    expect(theirs.status).toBe(422);
    expect(e).toEqual({ kind: 'execution', message: theirs.error });
    expect(e.message).toMatch(/many-to-many matching not allowed/);
  });

  it('a server-side timeout (timeout=1ns) is a timeout on the server’s side', async () => {
    const e = failure(await client.query({ query: 'sum(rate(vigie_http_requests_total[1h]))', time: prom.fixture.end, timeoutSeconds: 1e-9 }));
    expect(e).toMatchObject({ kind: 'timeout', side: 'server' });
    expect(e.message).toMatch(/timed out/);
  });

  it('an unknown label name in label values is just empty', async () => {
    const r = await client.labelValues('no_such_label');
    expect(r).toEqual({ ok: true, value: [], warnings: [], infos: [] });
  });

  it('a URL with a wrong path prefix is not_found, saying what to check', async () => {
    const wrong = createPrometheusClient({ url: `${prom.url}/prometheus` });
    const e = failure(await wrong.buildInfo());
    expect(e.kind).toBe('not_found');
    expect(e.message).toContain(`${prom.url}/prometheus/api/v1/status/buildinfo: 404 Not Found`);
    await wrong.close();
  });

  it('a request cancelled by the caller is cancelled, not an error of the server', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(failure(await client.query({ query: 'vigie_queue_depth' }, ac.signal))).toEqual({ kind: 'cancelled', message: 'cancelled' });
  });
});

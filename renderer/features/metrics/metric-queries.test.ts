import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsContract, type MetricAnswer } from '../../../shared/contract/metrics';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { createClient } from '../../../shared/rpc/client';
import type { Handlers } from '../../../shared/rpc/define';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import { errorText } from '../../rpc/errors';
import type { MetricsClient } from '../../rpc/metrics-client';
import { metricQueryOptions, volumeQueryOptions } from './metric-queries';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

const answer = (data: MetricAnswer['data'], step: number | null = 60): MetricAnswer => ({ data, step, linesScanned: 10, elapsedMs: 1 });

/** A real serve() over the memory transport with small metric handlers (the real ones live in main/). */
function setup(log: string[]): MetricsClient {
  const handlers: Handlers<typeof metricsContract> = {
    'logql.metric': async (input, { signal }) => {
      log.push(`metric:${input.kind}:${input.query}:${input.kind === 'range' ? `${input.start}-${input.end}:${input.step ?? 'auto'}` : input.time}`);
      signal.addEventListener('abort', () => log.push(`aborted:${input.query}`));
      if (input.query === 'slow') await new Promise((r) => signal.addEventListener('abort', r));
      if (input.query.startsWith('bad')) throw new AppFailure(appError('bad_input', 'parse error at line 1, col 5: syntax error: unexpected IDENTIFIER'));
      if (input.kind === 'instant') return answer({ resultType: 'vector', result: [{ metric: { job: 'a' }, value: [input.time / 1000, '3'] }] }, null);
      return answer({ resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[input.start / 1000 + 60, '1']] }] }, input.step ?? 60);
    },
    'logql.volume': async (input) => {
      log.push(`volume:${input.query}:${input.start}-${input.end}`);
      return answer({ resultType: 'matrix', result: [{ metric: { detected_level: 'error' }, values: [[input.start / 1000 + 60, '4']] }] });
    },
  };
  const pair = createMemoryTransportPair();
  stops.push(serve(metricsContract, handlers, pair.server));
  const client = createClient(metricsContract, pair.client);
  stops.push(() => client.close());
  return client;
}

describe('metric and volume queries over the protocol', () => {
  it('a range query passes its range and step; an instant one its time', async () => {
    const log: string[] = [];
    const client = setup(log);
    const qc = new QueryClient();
    const range = await qc.fetchQuery(metricQueryOptions(client, { kind: 'range', query: 'q', start: 0, end: 600_000, step: 30 }, 1));
    expect(range.data.resultType).toBe('matrix');
    expect(range.step).toBe(30);
    const instant = await qc.fetchQuery(metricQueryOptions(client, { kind: 'instant', query: 'q', time: 600_000 }, 1));
    expect(instant.data).toEqual({ resultType: 'vector', result: [{ metric: { job: 'a' }, value: [600, '3'] }] });
    expect(log).toEqual(['metric:range:q:0-600000:30', 'metric:instant:q:600000']);
  });

  it('a superseded run is aborted on the server (its key loses its observer)', async () => {
    const log: string[] = [];
    const client = setup(log);
    const qc = new QueryClient();
    const observer = new QueryObserver(qc, metricQueryOptions(client, { kind: 'range', query: 'slow', start: 0, end: 1 }, 1));
    const off = observer.subscribe(() => {});
    await tick(20);
    observer.setOptions(metricQueryOptions(client, { kind: 'range', query: 'q', start: 0, end: 600_000 }, 2));
    await tick(30);
    expect(log).toContain('aborted:slow');
    expect(observer.getCurrentResult().data?.data.resultType).toBe('matrix');
    off();
  });

  it("Loki's message comes back for a bad query, without retries", async () => {
    const log: string[] = [];
    const client = setup(log);
    const qc = new QueryClient();
    const err = await qc.fetchQuery(metricQueryOptions(client, { kind: 'range', query: 'bad q', start: 0, end: 1 }, 1)).catch((e: unknown) => e);
    expect(errorText(err)).toBe('Invalid input: parse error at line 1, col 5: syntax error: unexpected IDENTIFIER');
    expect(log.filter((l) => l.startsWith('metric:'))).toHaveLength(1);
  });

  it('an empty query is refused at the boundary, before any handler runs', async () => {
    const client = setup([]);
    const err = await client.call('logql.metric', { kind: 'range', query: '', start: 0, end: 1 }).catch((e: unknown) => e);
    expect(errorText(err)).toMatch(/^Invalid input: logql\.metric: query: the query is empty/);
  });

  it('the volume of a log query', async () => {
    const log: string[] = [];
    const client = setup(log);
    const v = await new QueryClient().fetchQuery(volumeQueryOptions(client, { query: '{job="a"}', start: 0, end: 600_000 }, 1));
    expect(v.data).toMatchObject({ resultType: 'matrix', result: [{ metric: { detected_level: 'error' } }] });
    expect(log).toEqual(['volume:{job="a"}:0-600000']);
  });
});

/**
 * Remote answers in the contract's shapes: every recorded successful query / query_range
 * answer, fetched by the client from the replay server, becomes `logql.query` events or a
 * `logql.metric` answer that the contract's own schemas accept unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logQueryEventSchema } from '../../../shared/contract/logql';
import { metricAnswerSchema } from '../../../shared/contract/metrics';
import { toLogQueryEvents, toMetricAnswer, type LokiClient, type QueryAnswer } from '../../../main/adapters/loki/index';
import { END, START, clientFor } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

const range = { start: START, end: END };
const CASES: Array<[string, (c: LokiClient) => Promise<QueryAnswer>, 'log' | 'metric']> = [
  ['query_range-streams.txt', (c) => c.queryRange({ query: '{job="apache"} |= "error"', ...range, limit: 5, direction: 'backward' }), 'log'],
  ['query_range-streams-forward.txt', (c) => c.queryRange({ query: '{job="api", host="app1"} | json level', ...range, limit: 3, direction: 'forward' }), 'log'],
  ['query_range-empty.txt', (c) => c.queryRange({ query: '{job="nope"}', ...range, limit: 10 }), 'log'],
  ['query_range-matrix.txt', (c) => c.queryRange({ query: 'sum by (host) (rate({job="apache"}[1m]))', ...range, step: 60, limit: 100, direction: 'backward' }), 'metric'],
  ['query-instant-vector.txt', (c) => c.query({ query: 'sum by (job) (count_over_time({job=~".+"}[5m]))', time: END, limit: 100, direction: 'backward' }), 'metric'],
  ['query-instant-scalar.txt', (c) => c.query({ query: '1 + 2', time: END }), 'metric'],
];

describe('remote Loki answers in the contract’s shapes', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer();
  });
  afterAll(() => replay.close());

  it.each(CASES)('%s passes the contract’s schema unchanged', async (_file, call, kind) => {
    const client = clientFor(replay.url, 'loki-api-fixtures');
    const answer = await call(client);
    await client.close();
    if (kind === 'log') {
      const events = toLogQueryEvents(answer, 12, 5);
      expect(events.map((e) => logQueryEventSchema.parse(e))).toEqual(events);
      expect(events[1]).toMatchObject({ kind: 'done', linesScanned: answer.stats?.totalLinesProcessed, bytesScanned: answer.stats?.totalBytesProcessed });
      expect(() => toMetricAnswer(answer, 60, 1)).toThrow(/this is a log query/);
    } else {
      const metric = toMetricAnswer(answer, 60, 12);
      expect(metricAnswerSchema.parse(metric)).toEqual(metric);
      expect(() => toLogQueryEvents(answer, 1, 5)).toThrow(/this is a metric query/);
    }
  });
});

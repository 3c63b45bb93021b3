/**
 * The `loki.*` query handlers against Loki's recorded answers (replay server): a Loki
 * connection answers with exactly the shapes of the local logql.query / logql.metric, the
 * data Loki sent, and Loki's refusals in words with its positions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError, type AppError } from '../../../shared/model/index';
import type { LokiQueryEvent } from '../../../shared/contract/loki';
import { lokiHandlers } from '../../../main/services/remote-loki';
import { END, PASSWORD, START, TOKEN, recordedData } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

const TENANT = 'loki-api-fixtures';
const signal = new AbortController().signal;

async function collect<T>(it: AsyncIterable<T>): Promise<{ events: T[]; error: AppError | null }> {
  const events: T[] = [];
  try {
    for await (const e of it) events.push(e);
    return { events, error: null };
  } catch (e) {
    return { events, error: toAppError(e) };
  }
}

const settle = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (e: unknown) => ({ ok: false as const, error: toAppError(e) }),
  );

describe('Loki connection queries on recorded answers', () => {
  let replay: ReplayServer;
  let loki: ReturnType<typeof lokiHandlers>;
  beforeAll(async () => {
    replay = await startReplayServer();
    // Connection "with" has the tenant, "without" has none (Loki then answers 401 no org id).
    loki = lokiHandlers(async (id) => ({
      url: replay.url,
      ...(id === 'with' ? { tenant: TENANT } : {}),
      auth: { kind: 'basic', username: 'vigie', password: PASSWORD },
      headers: { 'X-Api-Token': TOKEN },
    }));
  });
  afterAll(async () => (await loki.dispose(), await replay.close()));

  const body = (file: string): unknown => recordedData(replay.recorded.get(file)!.body);

  it.each([
    ['a backward log query with a line filter', 'query_range-streams.txt', { query: '{job="apache"} |= "error"', limit: 5, direction: 'backward' as const }],
    ['a forward log query with a parser', 'query_range-streams-forward.txt', { query: '{job="api", host="app1"} | json level', limit: 3, direction: 'forward' as const }],
    ['a query matching nothing', 'query_range-empty.txt', { query: '{job="nope"}', limit: 10 }],
  ])('%s streams Loki’s entries, then done', async (_what, file, input) => {
    const { events, error } = await collect(loki.handlers['loki.query']({ connectionId: 'with', start: START, end: END, ...input }, { signal }));
    expect(error).toBeNull();
    const recorded = body(file) as { result: Array<{ values: unknown[] }> };
    const streams = events.filter((e): e is Extract<LokiQueryEvent, { kind: 'streams' }> => e.kind === 'streams');
    expect(streams.flatMap((e) => e.result)).toEqual(recorded.result);
    const done = events.at(-1)!;
    expect(done.kind).toBe('done');
    const entries = recorded.result.reduce((n, s) => n + s.values.length, 0);
    if (done.kind === 'done') expect(done.limitReached).toBe(entries >= input.limit);
    expect(entries).toBeGreaterThan(file === 'query_range-empty.txt' ? -1 : 0);
    expect(events.some((e) => e.kind === 'chunks')).toBe(false);
  });

  it.each([
    ['a query that does not parse fails with Loki’s message and position', 'with', '{job="apache"', { code: 'bad_input', message: 'parse error at line 1, col 14: syntax error: unexpected $end, expecting } or ,', where: { line: 1, column: 14, offset: 13 } }],
    ['a connection without a tenant is told to set one', 'without', '{job="apache"}', { code: 'unauthorized', message: expect.stringMatching(/no org id.*set the tenant/) }],
  ])('%s', async (_what, connectionId, query, want) => {
    const { events, error } = await collect(loki.handlers['loki.query']({ connectionId, query, start: START, end: END, limit: 10 }, { signal }));
    expect(events).toEqual([]);
    expect(error).toMatchObject(want);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });

  it.each([
    ['a range query (Grafana’s limit and direction sent)', 'query_range-matrix.txt', { kind: 'range' as const, query: 'sum by (host) (rate({job="apache"}[1m]))', start: START, end: END, step: 60, limit: 100 }, 60],
    ['an instant vector query', 'query-instant-vector.txt', { kind: 'instant' as const, query: 'sum by (job) (count_over_time({job=~".+"}[5m]))', time: END, limit: 100 }, null],
    ['an instant scalar query with Loki’s defaults', 'query-instant-scalar.txt', { kind: 'instant' as const, query: '1 + 2', time: END }, null],
  ])('%s answers as logql.metric with Loki’s data', async (_what, file, input, step) => {
    const answer = await loki.handlers['loki.metric']({ connectionId: 'with', ...input }, { signal });
    expect(answer.data).toEqual(body(file));
    expect(answer.step).toBe(step);
    expect(answer.linesScanned).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['a step too fine for Loki is refused in Loki’s words', { kind: 'range' as const, query: 'count_over_time({job="apache"}[1m])', start: START, end: END, step: 0.01 }, /Loki refused the request \(400\): .*resolution/],
    ['a pipeline error of an instant query is Loki’s', { kind: 'instant' as const, query: 'count_over_time({job="api", host="app1"} | json [5m])', time: END }, /Loki refused the request \(400\)/],
  ])('%s', async (_what, input, says) => {
    const r = await settle(loki.handlers['loki.metric']({ connectionId: 'with', ...input }, { signal }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(says);
  });

  it.each([
    ['label names over the range', () => loki.handlers['loki.labels']({ connectionId: 'with', start: START, end: END }, { signal }), 'labels.txt', 'names'],
    ['values of a label over the range', () => loki.handlers['loki.labelValues']({ connectionId: 'with', label: 'job', start: START, end: END }, { signal }), 'label-values.txt', 'values'],
    ['values of a label within a selector', () => loki.handlers['loki.labelValues']({ connectionId: 'with', label: 'host', start: START, end: END, query: '{job="api"}' }, { signal }), 'label-values-with-query.txt', 'values'],
    ['values of an unknown label (none)', () => loki.handlers['loki.labelValues']({ connectionId: 'with', label: 'nope', start: START, end: END }, { signal }), 'label-values-unknown.txt', 'values'],
  ] as const)('%s are Loki’s', async (_what, call, file, key) => {
    const answer = (await call()) as Record<string, string[]>;
    expect(answer[key]).toEqual(body(file) ?? []);
  });

  it('detected fields are Loki’s, with their parsers', async () => {
    const { fields } = await loki.handlers['loki.detectedFields']({ connectionId: 'with', query: '{job="api"}', start: START, end: END, limit: 100 }, { signal });
    const recorded = JSON.parse(replay.recorded.get('detected_fields.txt')!.body.toString()) as { fields: Array<{ label: string; type: string; cardinality: number; parsers: string[] | null }> };
    expect(fields).toEqual(recorded.fields.map((f) => ({ label: f.label, type: f.type, cardinality: f.cardinality, parsers: f.parsers ?? [] })));
    expect(fields.length).toBeGreaterThan(0);
  });

  it('patterns of old data are none, as Loki answered', async () => {
    expect(await loki.handlers['loki.patterns']({ connectionId: 'with', query: '{job="apache"}', start: START, end: END, step: 60 }, { signal })).toEqual({ patterns: [] });
  });

  it('every request the handlers sent was one Loki was sent', () => {
    expect(replay.unmatched).toEqual([]);
  });
});

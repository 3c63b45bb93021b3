/**
 * The `loki.*` handlers beyond plain queries: the live tail on a recorded session (replay
 * server), and, on small servers that answer as Loki does and record what they were asked,
 * log context (Grafana's two queries around an entry), the volume histogram, patterns, and a
 * long log query split into sub-queries with progress.
 */
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/model/index';
import type { LokiQueryEvent, LokiTailEvent } from '../../../shared/contract/loki';
import { lokiHandlers } from '../../../main/services/remote-loki';
import { START } from './kit';
import { startReplayServer } from './replay-server';
import { startTinyServer, type TinyServer } from './tiny-server';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function handlersOn(url: string, tenant = 't'): ReturnType<typeof lokiHandlers>['handlers'] {
  const loki = lokiHandlers(async () => ({ url, tenant }));
  closers.push(() => loki.dispose());
  return loki.handlers;
}

/** A server answering query_range with `answer(params)` as Loki's success envelope; every request kept. */
async function lokiLike(answer: (p: URLSearchParams, path: string) => unknown): Promise<{ server: TinyServer; seen: URLSearchParams[] }> {
  const seen: URLSearchParams[] = [];
  const server = await startTinyServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(url.searchParams);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer(url.searchParams, url.pathname)));
  });
  closers.push(() => server.close());
  return { server, seen };
}

const ns = (ms: number): string => (BigInt(ms) * 1_000_000n).toString();
const signal = new AbortController().signal;

describe('the live tail of a Loki connection', () => {
  it('streams the recorded frames as `streams` events and ends when unsubscribed', async () => {
    const replay = await startReplayServer({ timeScale: 0.02 });
    closers.push(() => replay.close());
    const h = handlersOn(replay.url, 'loki-api-fixtures');
    const stop = new AbortController();
    const events: LokiTailEvent[] = [];
    for await (const e of h['loki.tail']({ connectionId: 'c', query: '{job="apache"}', limit: 3, start: START, delayFor: 0 }, { signal: stop.signal })) {
      events.push(e);
      stop.abort();
    }
    const lines = events.flatMap((e) => (e.kind === 'streams' ? e.result.flatMap((s) => s.values.map((v) => v[1])) : []));
    expect(lines).toEqual([
      '[Sun Dec 04 06:52:15 2005] [error] mod_jk child workerEnv in error state 6',
      '[Sun Dec 04 06:52:15 2005] [error] mod_jk child workerEnv in error state 6',
      '[Sun Dec 04 06:52:27 2005] [notice] jk2_init() Found child 32630 in scoreboard slot 8',
    ]);
    expect(replay.unmatched).toEqual([]);
  });
});

describe('log context of an entry on a Loki connection', () => {
  // One stream, an entry every second from T; two entries share T+5 s.
  const T = Date.UTC(2026, 10, 20, 12);
  const entries: Array<[string, string]> = Array.from({ length: 11 }, (_, i) => [ns(T + i * 1000), `line ${i}`]);
  entries.push([ns(T + 5000), 'line 5 twin']);
  const stream = { job: 'app', host: 'a"b' };

  async function contextServer() {
    return lokiLike((p, path) => {
      if (path.endsWith('/labels')) return { status: 'success', data: ['host', 'job'] };
      const start = BigInt(p.get('start')!);
      const end = BigInt(p.get('end')!);
      const forward = p.get('direction') === 'forward';
      const inRange = entries.filter(([t]) => BigInt(t) >= start && BigInt(t) < end);
      inRange.sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : BigInt(a[0]) > BigInt(b[0]) ? 1 : 0) * (forward ? 1 : -1));
      return { status: 'success', data: { resultType: 'streams', result: [{ stream, values: inRange.slice(0, Number(p.get('limit'))) }] } };
    });
  }

  it.each([
    ['three lines each side of a lone entry', 2, 3, ['line 0', 'line 1'], ['line 3', 'line 4', 'line 5']],
    ['an entry sharing its time with another listed after it: the twin comes after', 5, 2, ['line 3', 'line 4'], ['line 5 twin', 'line 6']],
    ['the twin, listed after the entry of its time: that entry comes before it', 11, 2, ['line 4', 'line 5'], ['line 6', 'line 7']],
    ['the first entry has nothing before', 0, 1, [], ['line 1']],
  ])('%s', async (_what, index, n, before, after) => {
    const { server, seen } = await contextServer();
    const h = handlersOn(server.url);
    const [ts, line] = entries[index]!;
    // `level` came from a parser (| json): Loki does not index it, so it selects nothing.
    const ctx = await h['loki.context']({ connectionId: 'c', stream: { ...stream, level: 'info' }, ts, line, before: Math.min(n, 2), after: n }, { signal });
    expect(ctx.before.flatMap((s) => s.values.map((v) => v[1]))).toEqual(before.slice(-Math.min(n, 2)));
    expect(ctx.after.flatMap((s) => s.values.map((v) => v[1]))).toEqual(after);
    // The selector is the entry's stream, quoted as Loki prints it; end exclusive before, start inclusive after.
    const queries = seen.filter((p) => p.has('query'));
    expect(queries.map((p) => p.get('query'))).toEqual(['{host="a\\"b", job="app"}', '{host="a\\"b", job="app"}']);
    expect(queries.map((p) => [p.get('direction'), p.get('end') === ts || p.get('start') === ts])).toEqual([
      ['backward', true],
      ['forward', true],
    ]);
  });
});

describe('volume, patterns and split queries on a Loki connection', () => {
  it('the volume histogram asks count_over_time by level and names each series by its level', async () => {
    const { server, seen } = await lokiLike(() => ({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { detected_level: 'error' }, values: [[1795132860, '2']] },
          { metric: { level: 'info' }, values: [[1795132860, '3'], [1795132920, '1']] },
          { metric: { level: 'info', detected_level: 'info' }, values: [[1795132860, '4']] },
          { metric: {}, values: [[1795132920, '7']] },
        ],
      },
    }));
    const h = handlersOn(server.url);
    const v = await h['loki.volume']({ connectionId: 'c', query: '{job="apache"} |= "x" # note', start: START, end: START + 300_000, step: 60 }, { signal });
    expect(seen[0]!.get('query')).toBe('sum by (level, detected_level) (count_over_time({job="apache"} |= "x" [60s]))');
    expect(seen[0]!.get('step')).toBe('60');
    expect(v.step).toBe(60);
    expect(v.data).toEqual({
      resultType: 'matrix',
      result: [
        { metric: { detected_level: 'error' }, values: [[1795132860, '2']] },
        { metric: { detected_level: 'info' }, values: [[1795132860, '7'], [1795132920, '1']] },
        { metric: { detected_level: 'unknown' }, values: [[1795132920, '7']] },
      ],
    });
  });

  it('patterns come most frequent first, samples in epoch ms, with their totals', async () => {
    const { server, seen } = await lokiLike(() => ({
      status: 'success',
      data: [
        { pattern: 'a <_>', level: 'info', samples: [[1795553160, 2]] },
        { pattern: 'request <_> served in <_> status=200', level: 'unknown', samples: [[1795553160, 27], [1795553220, 13]] },
      ],
    }));
    const h = handlersOn(server.url);
    const { patterns } = await h['loki.patterns']({ connectionId: 'c', query: '{job="patterns"}', start: 1795549653000, end: 1795553313000, step: 60 }, { signal });
    expect(seen[0]!.get('step')).toBe('60s');
    expect(patterns).toEqual([
      { pattern: 'request <_> served in <_> status=200', level: 'unknown', samples: [[1795553160000, 27], [1795553220000, 13]], total: 40 },
      { pattern: 'a <_>', level: 'info', samples: [[1795553160000, 2]], total: 2 },
    ]);
  });

  it('a log query over three days is split by day: progress, and each sub-query’s new entries once', async () => {
    const DAY = 86_400_000;
    const T0 = Date.UTC(2026, 10, 1);
    const all = Array.from({ length: 3 * 24 }, (_, i) => ns(T0 + i * 3_600_000));
    const { server, seen } = await lokiLike((p) => {
      const start = BigInt(p.get('start')!);
      const end = BigInt(p.get('end')!);
      const values = all.filter((t) => BigInt(t) >= start && BigInt(t) < end).reverse().slice(0, Number(p.get('limit'))).map((t) => [t, `at ${t}`]);
      return { status: 'success', data: { resultType: 'streams', result: values.length ? [{ stream: { job: 'x' }, values }] : [], stats: { summary: { totalLinesProcessed: values.length } } } };
    });
    const h = handlersOn(server.url);
    const events: LokiQueryEvent[] = [];
    for await (const e of h['loki.query']({ connectionId: 'c', query: '{job="x"}', start: T0, end: T0 + 3 * DAY, limit: 30 }, { signal })) events.push(e);
    expect(events.map((e) => e.kind)).toEqual(['chunks', 'streams', 'chunks', 'streams', 'done']);
    expect(events.filter((e) => e.kind === 'chunks')).toEqual([
      { kind: 'chunks', done: 1, total: 3 },
      { kind: 'chunks', done: 3, total: 3 },
    ]);
    const got = events.flatMap((e) => (e.kind === 'streams' ? e.result.flatMap((s) => s.values.map((v) => v[0])) : []));
    expect(got).toEqual(all.slice(-30).reverse());
    expect(seen.map((p) => p.get('limit'))).toEqual(['30', '6']);
    expect(events.at(-1)).toMatchObject({ kind: 'done', limitReached: true, linesScanned: 30 });
  });

  it('a metric query run as a log query is refused in words, with no entries', async () => {
    const { server } = await lokiLike(() => ({ status: 'success', data: { resultType: 'matrix', result: [] } }));
    const h = handlersOn(server.url);
    const events: LokiQueryEvent[] = [];
    const error = await (async () => {
      for await (const e of h['loki.query']({ connectionId: 'c', query: 'count_over_time({job="x"}[1m])', start: START, end: START + 60_000, limit: 10 }, { signal })) events.push(e);
    })().then(() => null, toAppError);
    expect(events).toEqual([]);
    expect(error?.message).toMatch(/this is a metric query .*run it as a metric query/);
  });
});

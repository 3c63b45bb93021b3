/**
 * query_range split by time gives the same answer as one query over the whole range. The
 * server here keeps two small streams (an entry every 10 minutes over 3 days) and answers
 * query_range as Loki does: log queries newest/oldest `limit` entries in [start, end), metric
 * count_over_time on the grid start + k·step. The split client must agree with the unsplit one,
 * report progress, stop early once `limit` is reached, and stop at once when cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRangeParams, SplitProgress } from '../../../main/adapters/loki/index';
import { clientFor, outcome } from './kit';
import { startTinyServer, type TinyServer } from './tiny-server';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const STREAMS = [
  { labels: { job: 'x' }, offset: 0 },
  { labels: { job: 'y' }, offset: 5 * 60_000 },
];
const entriesOf = (s: (typeof STREAMS)[number]): bigint[] => Array.from({ length: (3 * DAY) / 600_000 }, (_, i) => BigInt(T0 + s.offset + i * 600_000) * 1_000_000n);

function answer(params: URLSearchParams): unknown {
  const query = params.get('query')!;
  const start = BigInt(params.get('start')!);
  const end = BigInt(params.get('end')!);
  const picked = STREAMS.filter((s) => query.includes(`job="${s.labels.job}"`) || query.includes('job=~".+"'));
  if (query.startsWith('count_over_time')) {
    const text = params.get('step')!;
    const step = BigInt(Number(text.replace(/m$/, '')) * (text.endsWith('m') ? 60 : 1) * 1e9);
    const result = picked.map((s) => {
      const ts = entriesOf(s);
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) {
        const n = ts.filter((x) => x > t - 3_600_000_000_000n && x <= t).length;
        if (n > 0) values.push([Number(t / 1_000_000n) / 1000, String(n)]);
      }
      return { metric: s.labels, values };
    });
    return { resultType: 'matrix', result: result.filter((r) => r.values.length) };
  }
  const forward = params.get('direction') === 'forward';
  const limit = Number(params.get('limit') ?? 100);
  const all = picked.flatMap((s, i) => entriesOf(s).filter((t) => t >= start && t < end).map((t) => ({ i, t })));
  all.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0) * (forward ? 1 : -1));
  const kept = all.slice(0, limit);
  const result = picked.map((s, i) => ({ stream: s.labels, values: kept.filter((e) => e.i === i).map((e) => [String(e.t), `line at ${e.t}`]) }));
  return { resultType: 'streams', result: result.filter((r) => r.values.length) };
}

describe('query_range split into sub-queries by time', () => {
  let server: TinyServer;
  const seen: URLSearchParams[] = [];
  beforeAll(async () => {
    server = await startTinyServer((req, res) => {
      const params = new URL(req.url!, 'http://x').searchParams;
      seen.push(params);
      try {
        answer(params);
      } catch (e) {
        return void res.writeHead(500).end(String(e));
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { ...(answer(params) as object), stats: { summary: { totalLinesProcessed: 1 } } } }));
    });
  });
  afterAll(() => server.close());

  it.each<[string, QueryRangeParams, number]>([
    ['a backward log query over 3 days with a small limit needs only the newest day', { query: '{job=~".+"}', start: T0, end: T0 + 3 * DAY, limit: 50 }, 1],
    ['a backward log query with a limit reaching into older days', { query: '{job=~".+"}', start: T0 + 3_600_000, end: T0 + 3 * DAY - 7_000, limit: 500, direction: 'backward' }, 2],
    ['a forward log query starts with the oldest day', { query: '{job="x"}', start: T0 + 1234, end: T0 + 2 * DAY + 99, limit: 200, direction: 'forward' }, 2],
    ['a log query whose limit is never reached reads every day', { query: '{job=~".+"}', start: T0, end: T0 + 3 * DAY, limit: 5000 }, 3],
    ['a metric query with an explicit step', { query: 'count_over_time({job=~".+"}[1h])', start: T0 + 1_000, end: T0 + 3 * DAY, step: 3600 }, 3],
    ['a metric query with a step that does not divide the day', { query: 'count_over_time({job="y"}[1h])', start: T0 + 7 * 60_000, end: T0 + 2 * DAY + 60_000, step: '7m' }, 3],
    // Default step: max(1, floor(259200 s / 250)) = 1036 s; 251 points, 83 a day: 4 sub-queries.
    ['a metric query with Loki’s default step', { query: 'count_over_time({job="x"}[1h])', start: T0, end: T0 + 3 * DAY }, 4],
  ])('%s gives the unsplit answer', async (_what, params, subQueries) => {
    const client = clientFor(server.url, 't');
    const whole = await client.queryRange(params.step === undefined && params.query.startsWith('count') ? { ...params, step: Math.max(1, Math.floor(((params.end as number) - (params.start as number)) / 1000 / 250)) } : params);
    seen.length = 0;
    const progress: SplitProgress[] = [];
    const split = await client.queryRangeSplit(params, { onProgress: (p) => progress.push(p) });
    expect(split.data).toEqual(whole.data);
    expect(seen.length).toBe(subQueries);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: subQueries }, (_, i) => (i === subQueries - 1 ? progress[0]!.total : i + 1)));
    expect(progress.at(-1)!.answer.data).toEqual(whole.data);
    await client.close();
  });

  it('sub-ranges of a log query meet at day boundaries without gap or overlap', async () => {
    const client = clientFor(server.url, 't');
    seen.length = 0;
    await client.queryRangeSplit({ query: '{job=~".+"}', start: T0 + 5_000, end: T0 + 3 * DAY - 5_000, limit: 5000, direction: 'forward' });
    const ranges = seen.map((p): [bigint, bigint] => [BigInt(p.get('start')!), BigInt(p.get('end')!)]);
    expect(ranges.map(([a, b]) => [Number(a / 1_000_000n) - T0, Number(b / 1_000_000n) - T0])).toEqual([
      [5_000, DAY],
      [DAY, 2 * DAY],
      [2 * DAY, 3 * DAY - 5_000],
    ]);
    await client.close();
  });

  it('progress comes as an async iterable too, ending with the merged answer', async () => {
    const client = clientFor(server.url, 't', { splitIntervalMs: DAY / 2 });
    const it = client.queryRangeChunks({ query: 'count_over_time({job="x"}[1h])', start: T0, end: T0 + DAY, step: 3600 });
    const seenProgress: string[] = [];
    let r = await it.next();
    while (!r.done) {
      seenProgress.push(`${r.value.done}/${r.value.total}`);
      r = await it.next();
    }
    // 25 points (the end is one), 12 per half day: 12 + 12 + 1.
    expect(seenProgress).toEqual(['1/3', '2/3', '3/3']);
    expect(r.value.data.resultType).toBe('matrix');
    expect(r.value.stats?.totalLinesProcessed).toBe(3);
    await client.close();
  });

  it('cancelling after the first sub-query stops the rest', async () => {
    const client = clientFor(server.url, 't');
    const stop = new AbortController();
    seen.length = 0;
    const got = await outcome(client.queryRangeSplit({ query: '{job=~".+"}', start: T0, end: T0 + 3 * DAY, limit: 5000 }, { signal: stop.signal, onProgress: () => stop.abort() }));
    expect(got.ok ? 'value' : got.error.kind).toBe('cancelled');
    expect(seen.length).toBe(1);
    await client.close();
  });
});

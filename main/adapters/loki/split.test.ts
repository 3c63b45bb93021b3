import { describe, expect, it } from 'vitest';
import type { LokiStream } from '../../../shared/contract/logql';
import { durationMs, mergeStreams, planSplit } from './split';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 10, 1);

describe('how query_range is cut', () => {
  it.each<[string, Parameters<typeof planSplit>[0], ReturnType<typeof planSplit>]>([
    ['string times are sent as they are', { query: '{a="b"}', start: '2026-11-01T00:00:00Z', end: '2026-11-04T00:00:00Z' }, { kind: 'single' }],
    ['a query that does not parse is sent whole (Loki will say why)', { query: '{a="b"', start: T0, end: T0 + 3 * DAY }, { kind: 'single' }],
    ['a span inside one interval is not cut', { query: '{a="b"}', start: T0 + H, end: T0 + 2 * H }, { kind: 'single' }],
    [
      'a backward log query is cut at day boundaries, newest first',
      { query: '{a="b"} |= "x"', start: T0 + H, end: T0 + DAY + H, limit: 10 },
      { kind: 'log', limit: 10, ranges: [[T0 + DAY, T0 + DAY + H], [T0 + H, T0 + DAY]] },
    ],
    [
      'a forward log query is cut oldest first, with Loki’s default limit',
      { query: '{a="b"}', start: T0 + H, end: T0 + DAY + H, direction: 'forward' },
      { kind: 'log', limit: 100, ranges: [[T0 + H, T0 + DAY], [T0 + DAY, T0 + DAY + H]] },
    ],
    [
      'a metric query is cut into runs of whole steps, each point once',
      { query: 'rate({a="b"}[5m])', start: T0, end: T0 + 2 * DAY, step: '12h' },
      { kind: 'metric', stepSeconds: 43200, ranges: [[T0, T0 + 12 * H], [T0 + DAY, T0 + DAY + 12 * H], [T0 + 2 * DAY, T0 + 2 * DAY]] },
    ],
  ])('%s', (_what, params, want) => {
    expect(planSplit(params, DAY)).toEqual(want);
  });

  it.each<[string | number, number | null]>([
    ['30s', 30_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['60', 60_000],
    [15, 15_000],
    ['1x', null],
    ['', null],
  ])('the step %j is %j ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });
});

describe('merging the streams of sub-queries', () => {
  const s = (labels: Record<string, string>, ...ts: number[]): LokiStream => ({ stream: labels, values: ts.map((t) => [String(t), `line ${t}`] as [string, string]) });

  it.each<[string, LokiStream[], 'forward' | 'backward', number, LokiStream[]]>([
    ['streams with the same labels are joined, newest first', [s({ a: '1' }, 9, 8), s({ a: '1' }, 5, 4)], 'backward', 10, [s({ a: '1' }, 9, 8, 5, 4)]],
    ['labels in another order are the same stream', [s({ a: '1', b: '2' }, 3), s({ b: '2', a: '1' }, 1)], 'forward', 10, [s({ a: '1', b: '2' }, 1, 3)]],
    ['an entry seen twice (same time, same line) is kept once', [s({ a: '1' }, 5, 4), s({ a: '1' }, 4, 3)], 'backward', 10, [s({ a: '1' }, 5, 4, 3)]],
    ['the limit keeps the newest entries across streams', [s({ a: '1' }, 9, 2), s({ a: '2' }, 8, 7)], 'backward', 3, [s({ a: '1' }, 9), s({ a: '2' }, 8, 7)]],
    ['the limit keeps the oldest entries going forward', [s({ a: '1' }, 2, 9), s({ a: '2' }, 7, 8)], 'forward', 2, [s({ a: '1' }, 2), s({ a: '2' }, 7)]],
    ['nanosecond timestamps beyond 2^53 keep their order', [s({ a: '1' }), { stream: { a: '1' }, values: [['1795132800000000001', 'x'], ['1795132800000000002', 'y']] }], 'backward', 10, [{ stream: { a: '1' }, values: [['1795132800000000002', 'y'], ['1795132800000000001', 'x']] }]],
  ])('%s', (_what, streams, direction, limit, want) => {
    expect(mergeStreams(streams, direction, limit)).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import { drillWindow, logQueriesBehind, queryKindOf } from './drill-query';

describe('logQueriesBehind', () => {
  it.each<[string, string, [string, number, number][]]>([
    ['a plain range aggregation', 'count_over_time({job="x"}[5m])', [['{job="x"}', 300_000, 0]]],
    ['the pipeline is kept as written', 'rate({job="x"} |= "err" | logfmt | level="error" [1m])', [['{job="x"} |= "err" | logfmt | level="error"', 60_000, 0]]],
    ['nested in vector aggregations', 'topk(3, sum by (job) (count_over_time({job="x"} | json [1m])))', [['{job="x"} | json', 60_000, 0]]],
    ['unwrap and its post-unwrap filters are stripped', 'avg_over_time({a="b"} | logfmt | unwrap latency | __error__="" [1m]) by (x)', [['{a="b"} | logfmt', 60_000, 0]]],
    ['unwrap with a conversion function', 'sum_over_time({a="b"} | unwrap bytes(size) [2h])', [['{a="b"}', 7_200_000, 0]]],
    ['offset is accounted for', 'sum(count_over_time({a="b"}[1m] offset 1h))', [['{a="b"}', 60_000, 3_600_000]]],
    ['a pipeline after the range (Loki accepts it)', 'count_over_time({a="b"}[1m] |= "x")', [['{a="b"} |= "x"', 60_000, 0]]],
    ['a parenthesised log query', 'count_over_time(({a="b"} |= "x")[1m])', [['{a="b"} |= "x"', 60_000, 0]]],
    ['binary op: both sides offered, left first', 'sum(rate({a="b"} |= "error" [1m])) / sum(rate({a="b"}[1m]))', [['{a="b"} |= "error"', 60_000, 0], ['{a="b"}', 60_000, 0]]],
    ['the same aggregation twice is offered once', 'rate({a="b"}[1m]) + rate({a="b"}[1m])', [['{a="b"}', 60_000, 0]]],
    ['quantile_over_time with its parameter', 'quantile_over_time(0.99, {a="b"} | json | unwrap d [5m]) by (x)', [['{a="b"} | json', 300_000, 0]]],
    ['no range aggregation', 'vector(1)', []],
    ['a log query', '{a="b"} |= "x"', []],
    ['a broken query', 'sum(rate({a="b"}[1m]', []],
  ])('%s', (_, query, expected) => {
    expect(logQueriesBehind(query).map((t) => [t.query, t.rangeMs, t.offsetMs])).toEqual(expected);
  });

  it('names each target by its range aggregation', () => {
    expect(logQueriesBehind('sum(rate({a="b"}[1m])) / 2').map((t) => t.source)).toEqual(['rate({a="b"}[1m])']);
  });
});

describe('drillWindow', () => {
  it.each([
    ['range before t', { rangeMs: 60_000, offsetMs: 0 }, 600_000, { start: 540_000, end: 600_001 }],
    ['offset moves the window back', { rangeMs: 60_000, offsetMs: 3_600_000 }, 7_200_000, { start: 3_540_000, end: 3_600_001 }],
  ])('%s', (_, target, t, window) => expect(drillWindow(target, t)).toEqual(window));
});

describe('queryKindOf', () => {
  it.each([
    ['{a="b"} |= "x"', 'log'],
    ['count_over_time({a="b"}[1m])', 'metric'],
    ['1 + 1', 'metric'],
    ['sum(', null],
  ])('%s → %s', (q, kind) => expect(queryKindOf(q)).toBe(kind));
});

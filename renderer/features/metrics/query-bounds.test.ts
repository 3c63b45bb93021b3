import { describe, expect, it } from 'vitest';
import type { StreamInfo } from '../../../shared/contract';
import { metricRange } from './query-bounds';

const stream = (labels: Record<string, string>, first: number | null, last: number | null): StreamInfo => ({
  id: JSON.stringify(labels), sourceId: 's', labels, status: { state: 'ready', bytesTotal: 1 }, lineCount: 1, first, last, timestampSource: 'line', format: null, assumedYear: null,
});
const streams = [stream({ job: 'a' }, 1000, 5000), stream({ job: 'b' }, 100, 9000), stream({ job: 'c' }, null, null)];
const NOW = 1_000_000_000;

describe('metricRange', () => {
  it.each<[string, { start?: number; end?: number }, string, { start: number; end: number }]>([
    ['a closed range is kept', { start: 10, end: 20 }, '{job="a"}', { start: 10, end: 20 }],
    ['open: the matching streams bound it, one ms past the last line', {}, 'count_over_time({job="a"}[1m])', { start: 1000, end: 5001 }],
    ['regex and negative matchers', {}, 'count_over_time({job=~"a|b", job!="b"}[1m])', { start: 1000, end: 5001 }],
    ['a binary op: the union of both selectors', {}, 'rate({job="a"}[1m]) / rate({job="b"}[1m])', { start: 100, end: 9001 }],
    ['no stream matches: all streams', {}, 'count_over_time({job="zzz"}[1m])', { start: 100, end: 9001 }],
    ['label filters after a parser do not count as selectors', {}, 'count_over_time({job="a"} | logfmt | job="b" [1m])', { start: 1000, end: 5001 }],
    ['only the start open', { end: 4000 }, 'count_over_time({job="a"}[1m])', { start: 1000, end: 4000 }],
    ['an end before the data: an hour before the end', { end: 500 }, 'count_over_time({job="a"}[1m])', { start: 500 - 3600_000, end: 500 }],
  ])('%s', (_, range, query, expected) => expect(metricRange(range, streams, query, NOW)).toEqual(expected));

  it('no dated stream at all: the last hour', () => {
    expect(metricRange({}, [streams[2]!], '{job="c"}', NOW)).toEqual({ start: NOW - 3600_000, end: NOW });
  });
});

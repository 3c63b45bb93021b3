import { describe, expect, it } from 'vitest';
import { logQuery, ports } from '../../adapters/re2/logql-test-kit';
import { checkLogQueryParams, checkRequestParams } from './request-params';
import { createLogQueryCollector, runLogQuery, type LogSource } from './run-log-query';

const S = 1_000_000_000n;
const source: LogSource = {
  streams: [
    { labels: { job: 'a', host: 'h1' }, entries: [1n, 3n, 5n, 7n].map((t) => ({ tsNs: t * S, line: `a${t} level=${t > 4n ? 'error' : 'info'}` })) },
    { labels: { job: 'b', host: 'h1' }, entries: [2n, 4n, 6n].map((t) => ({ tsNs: t * S, line: `b${t} level=info` })) },
  ],
};

function lines(query: string, params: { start?: bigint; end?: bigint; limit?: number; direction?: 'forward' | 'backward' } = {}): string[][] {
  const r = runLogQuery(logQuery(query), source, { startNs: params.start ?? 0n, endNs: params.end ?? 100n * S, limit: params.limit ?? 100, direction: params.direction ?? 'backward' }, ports);
  if (!r.ok) throw new Error(r.error.message);
  return r.data.result.map((s) => s.values.map(([, l]) => l));
}

describe('log queries', () => {
  it.each([
    ['{job="a"}', {}, [['a7 level=error', 'a5 level=error', 'a3 level=info', 'a1 level=info']]],
    ['{job=~"a|b"}', { limit: 3 }, [['a7 level=error', 'a5 level=error'], ['b6 level=info']]],
    ['{job=~"a|b"}', { limit: 3, direction: 'forward' as const }, [['a1 level=info', 'a3 level=info'], ['b2 level=info']]],
    ['{job="a"}', { start: 3n * S, end: 7n * S, direction: 'forward' as const }, [['a3 level=info', 'a5 level=error']]],
    ['{job=~"a.*"}', { limit: 1 }, [['a7 level=error']]],
    ['{job="nope"}', {}, []],
    ['{job=~"a|b"} | logfmt | level="error"', { limit: 1, direction: 'forward' as const }, [['a5 level=error']]],
  ])('%s, case %#', (query, params, want) => {
    expect(lines(query, params)).toEqual(want);
  });

  it('groups entries by their final labels (a parser can split or merge streams)', () => {
    const r = runLogQuery(logQuery('{host="h1"} | logfmt | line_format "{{.level}}" | drop job'), source, { startNs: 0n, endNs: 100n * S, limit: 100, direction: 'forward' }, ports);
    expect(r.ok && r.data.result.map((s) => [s.stream, s.values.length])).toEqual([
      [{ host: 'h1', level: 'info' }, 5],
      [{ host: 'h1', level: 'error' }, 2],
    ]);
  });

  it('gives the same answer fed in small batches as all at once (streaming form)', () => {
    for (const direction of ['forward', 'backward'] as const) {
      const params = { startNs: 2n * S, endNs: 7n * S, limit: 3, direction };
      const whole = runLogQuery(logQuery('{host="h1"}'), source, params, ports);
      const c = createLogQueryCollector(logQuery('{host="h1"}'), params, ports);
      if (!c.ok || !whole.ok) throw new Error('build failed');
      for (const s of source.streams) {
        for (const e of s.entries) if (!c.collector.push(s.labels, [e])) break;
      }
      expect(c.collector.result()).toEqual(whole.data);
    }
  });

  it('tells the caller when a stream can stop (forward, limit reached or end passed)', () => {
    const c = createLogQueryCollector(logQuery('{job="a"}'), { startNs: 0n, endNs: 4n * S, limit: 10, direction: 'forward' }, ports);
    if (!c.ok) throw new Error('build failed');
    expect(c.collector.selects({ job: 'b' })).toBe(false);
    expect(c.collector.push({ job: 'a', host: 'h1' }, source.streams[0]!.entries)).toBe(false);
  });
});

describe('request checks (Loki HTTP layer)', () => {
  const base = { kind: 'range' as const, start: '1000000000000', end: '2000000000000', step: 60, limit: 10, direction: 'backward' };
  it.each([
    [{ ...base, start: base.end, end: base.start }, 'end timestamp must not be before or equal to start time'],
    [{ ...base, limit: 0 }, 'limit must be a positive value'],
    [{ ...base, limit: -1 }, 'limit must be a positive value'],
    [{ ...base, direction: 'sideways' }, "invalid direction 'sideways'"],
    [{ ...base, step: 0 }, 'zero or negative query resolution step widths are not accepted. Try a positive integer'],
    [{ ...base, step: 0.01 }, 'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter'],
  ])('refuses %j', (raw, message) => {
    expect(checkRequestParams(raw)).toEqual({ ok: false, status: 400, message });
  });

  it('refuses more than 5000 entries and instant log queries once the query is known to be a log query', () => {
    const p = checkRequestParams({ ...base, limit: 5001 });
    expect(p.ok && checkLogQueryParams(p.params)).toEqual({ ok: false, status: 400, message: 'max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)' });
    const i = checkRequestParams({ kind: 'instant', time: '1', limit: 10 });
    expect(i.ok && checkLogQueryParams(i.params)).toMatchObject({ ok: false, message: expect.stringContaining('instant query type') });
  });

  it('accepts start equal to end (Loki only refuses end before start)', () => {
    expect(checkRequestParams({ ...base, end: base.start }).ok).toBe(true);
  });
});

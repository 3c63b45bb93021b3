import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogqlCheck } from '../../shared/contract/logql';
import { createChecker, markerSpan } from './logql-markers';

describe('markerSpan', () => {
  it.each([
    ['the server span as is', { from: 2, to: 5 }, 10, { from: 2, to: 5 }],
    ['one character for an empty span', { from: 4, to: 4 }, 10, { from: 4, to: 5 }],
    ['the last character for an empty span at the end', { from: 10, to: 10 }, 10, { from: 9, to: 10 }],
    ['clamped to the text', { from: 8, to: 99 }, 10, { from: 8, to: 10 }],
  ])('%s', (_n, err, len, want) => expect(markerSpan(err, len)).toEqual(want));
});

describe('createChecker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once after typing pauses for 250 ms', async () => {
    const calls: string[] = [];
    const results: (LogqlCheck | null)[] = [];
    const c = createChecker(async (q) => (calls.push(q), { ok: true, kind: 'log' }), (_q, r) => results.push(r));
    c.update('{a');
    await vi.advanceTimersByTimeAsync(100);
    c.update('{a=');
    await vi.advanceTimersByTimeAsync(249);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['{a=']);
    expect(results).toEqual([{ ok: true, kind: 'log' }]);
  });

  it('drops an answer that arrives after the text changed', async () => {
    const results: string[] = [];
    const resolvers: ((r: LogqlCheck) => void)[] = [];
    const c = createChecker((_q) => new Promise<LogqlCheck>((r) => resolvers.push(r)), (q) => results.push(q));
    c.update('{a');
    await vi.advanceTimersByTimeAsync(250);
    c.update('{a="b"}');
    await vi.advanceTimersByTimeAsync(250);
    resolvers[1]!({ ok: true, kind: 'log' });
    resolvers[0]!({ ok: false, error: { message: 'late', from: 0, to: 1 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual(['{a="b"}']);
  });

  it('clears at once for an empty query, without asking', async () => {
    const check = vi.fn(async (): Promise<LogqlCheck> => ({ ok: true, kind: 'log' }));
    const results: unknown[] = [];
    const c = createChecker(check, (_q, r) => results.push(r));
    c.update('  ');
    await vi.advanceTimersByTimeAsync(500);
    expect(check).not.toHaveBeenCalled();
    expect(results).toEqual([null]);
  });
});

/**
 * The renderer's Loki paths over the real RPC protocol (memory transport, small handlers):
 * a log query on a Loki connection goes to `loki.query` (no direction sent for backward, split
 * progress and warnings folded), and log context asks `loki.context` on Loki or runs the two
 * context queries on the local files' `logql.query` (Loki's range semantics in the fake).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { logqlContract, type LogQueryEvent } from '../../../shared/contract/logql';
import { lokiContract, type LokiQueryEvent } from '../../../shared/contract/loki';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { createClient } from '../../../shared/rpc/client';
import type { Handlers } from '../../../shared/rpc/define';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import type { LogqlClient } from '../../rpc/logql-client';
import { fetchContext } from './log-context';
import { startLogQuery, type RunState } from './log-query-run';
import { appendStreams } from './query-results';

const contract = { ...logqlContract, ...lokiContract };
const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

// One local stream in file order: an entry each second, two sharing one millisecond (different
// ns), and three of one syslog second (same ns) after them.
const MS = 1_700_000_000_000;
const ENTRIES: Array<[string, string]> = [
  ...Array.from({ length: 8 }, (_, i): [string, string] => [`${MS + i * 1000}000000`, `line ${i}`]),
  [`${MS + 4000}000500`, 'line 4b'],
  [`${MS + 9000}000000`, 'same s 1'],
  [`${MS + 9000}000000`, 'same s 2'],
  [`${MS + 9000}000000`, 'same s 3'],
];
const STREAM = { job: 'app', filename: '/var/log/a.log' };

function setup(log: unknown[]): LogqlClient {
  const notYet = (): never => {
    throw new AppFailure(appError('unsupported', 'not in this fake'));
  };
  const handlers: Handlers<typeof contract> = {
    'logql.check': notYet,
    // Loki's semantics: start inclusive, end exclusive (ms here), limit in the direction.
    'logql.query': async function* (input): AsyncIterable<LogQueryEvent> {
      log.push({ name: 'logql.query', ...input });
      const inRange = ENTRIES.filter(([ns]) => (input.start === undefined || BigInt(ns) >= BigInt(input.start) * 1_000_000n) && (input.end === undefined || BigInt(ns) < BigInt(input.end) * 1_000_000n));
      // Time order, file order within a time; backward is the exact reverse (as the engine reads).
      inRange.sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : BigInt(a[0]) > BigInt(b[0]) ? 1 : 0));
      if (input.direction !== 'forward') inRange.reverse();
      yield { kind: 'streams', result: [{ stream: STREAM, values: inRange.slice(0, input.limit) }] };
      yield { kind: 'done', linesScanned: 0, bytesScanned: 0, elapsedMs: 0, limitReached: false };
    },
    'loki.query': async function* (input): AsyncIterable<LokiQueryEvent> {
      log.push({ name: 'loki.query', ...input });
      yield { kind: 'chunks', done: 1, total: 2 };
      yield { kind: 'streams', result: [{ stream: { job: 'x' }, values: [['2000000', 'b']] }] };
      yield { kind: 'chunks', done: 2, total: 2 };
      yield { kind: 'warnings', warnings: ['partial answer'] };
      yield { kind: 'done', linesScanned: 1, bytesScanned: 1, elapsedMs: 1, limitReached: false };
    },
    'loki.context': async (input) => {
      log.push({ name: 'loki.context', ...input });
      return { before: [{ stream: input.stream, values: [['1', 'one']] }], after: [{ stream: input.stream, values: [['4', 'four'], ['5', 'five']] }] };
    },
    'loki.metric': notYet,
    'loki.volume': notYet,
    'loki.labels': notYet,
    'loki.labelValues': notYet,
    'loki.tail': notYet,
    'loki.detectedFields': notYet,
    'loki.patterns': notYet,
  };
  const pair = createMemoryTransportPair();
  stops.push(serve(contract, handlers, pair.server));
  const client = createClient(contract, pair.client);
  stops.push(() => client.close());
  return client as unknown as LogqlClient;
}

describe('a log query on a Loki connection', () => {
  it.each([
    ['newest first sends no direction (Loki’s default)', 'backward' as const, undefined],
    ['oldest first sends forward', 'forward' as const, 'forward'],
  ])('%s, and folds split progress and warnings', async (_what, direction, sent) => {
    const log: Array<Record<string, unknown>> = [];
    const states: RunState[] = [];
    startLogQuery(setup(log), { query: '{job="x"}', limit: 5, direction, start: 1, end: 9 }, (s) => states.push(s), 'conn-1');
    await tick();
    expect(log).toEqual([{ name: 'loki.query', connectionId: 'conn-1', query: '{job="x"}', limit: 5, start: 1, end: 9, ...(sent ? { direction: sent } : {}) }]);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ status: 'done', chunks: { done: 2, total: 2 }, warnings: ['partial answer'], progress: null });
    expect(last.rows.map((r) => r.line)).toEqual(['b']);
    expect(states.some((s) => s.chunks?.done === 1 && s.status === 'running')).toBe(true);
  });
});

describe('log context of an entry', () => {
  const rowAt = (i: number) => appendStreams([], [{ stream: STREAM, values: [ENTRIES[i]!] }])[0]!;

  it.each([
    ['a lone entry: two before, two after', 2, 2, ['line 0', 'line 1'], ['line 3', 'line 4']],
    ['an entry sharing its millisecond: the later twin comes after it', 4, 2, ['line 2', 'line 3'], ['line 4b', 'line 5']],
    ['the twin: the entry of its millisecond before it is on the before side', 8, 2, ['line 3', 'line 4'], ['line 5', 'line 6']],
    ['the first entry has nothing before', 0, 3, [], ['line 1', 'line 2', 'line 3']],
    ['the last entry before the syslog second', 7, 1, ['line 6'], ['same s 1']],
    ['an entry in the middle of lines of one time: file order around it', 10, 2, ['line 7', 'same s 1'], ['same s 3']],
    ['the first line of one time', 9, 1, ['line 7'], ['same s 2']],
  ])('local files: %s', async (_what, index, n, before, after) => {
    const log: Array<Record<string, unknown>> = [];
    const ctx = await fetchContext(setup(log), null, rowAt(index), n, new AbortController().signal);
    expect(ctx.before.map((r) => r.line)).toEqual(before);
    expect(ctx.after.map((r) => r.line)).toEqual(after);
    // The entry's own stream, by all its labels, quoted as Loki prints a selector.
    expect(log.map((l) => [l.query, l.direction])).toEqual([
      ['{filename="/var/log/a.log", job="app"}', 'backward'],
      ['{filename="/var/log/a.log", job="app"}', 'forward'],
    ]);
  });

  it('a Loki connection asks loki.context and shows both sides in its order (oldest first)', async () => {
    const log: Array<Record<string, unknown>> = [];
    const row = rowAt(3);
    const ctx = await fetchContext(setup(log), 'conn-1', row, 10, new AbortController().signal);
    expect(log).toEqual([{ name: 'loki.context', connectionId: 'conn-1', stream: STREAM, ts: row.tsNs, line: 'line 3', before: 10, after: 10 }]);
    expect(ctx.before.map((r) => r.line)).toEqual(['one']);
    expect(ctx.after.map((r) => r.line)).toEqual(['four', 'five']);
  });
});

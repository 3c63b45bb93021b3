import { afterEach, describe, expect, it } from 'vitest';
import { logqlContract, type LogQueryEvent } from '../../../shared/contract/logql';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { createClient } from '../../../shared/rpc/client';
import type { Handlers } from '../../../shared/rpc/define';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import type { LogqlClient } from '../../rpc/logql-client';
import { startLogQuery, type RunState } from './log-query-run';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

/** A real serve() over the memory transport with small logql handlers (the real ones live in main/). */
function setup(log: string[]): LogqlClient {
  const handlers: Handlers<typeof logqlContract> = {
    'logql.check': async ({ query }) => (query.startsWith('{') ? { ok: true, kind: 'log' } : { ok: false, error: { message: 'parse error', from: 0, to: 1 } }),
    'logql.query': async function* (input, { signal }): AsyncIterable<LogQueryEvent> {
      log.push(`query:${input.query}:${input.limit}:${input.direction}:${input.start ?? ''}-${input.end ?? ''}`);
      signal.addEventListener('abort', () => log.push('aborted'));
      if (input.query === 'bad') throw new AppFailure(appError('bad_input', 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER'));
      yield { kind: 'progress', bytesDone: 10, bytesTotal: 100, streamsMatched: 1 };
      yield { kind: 'streams', result: [{ stream: { job: 'a' }, values: [['2000000', 'b', { parsed: { level: 'info' } }], ['1000000', 'a']] }] };
      if (input.query === '{slow="1"}') await new Promise((r) => signal.addEventListener('abort', r));
      yield { kind: 'streams', result: [{ stream: { job: 'b' }, values: [['3000000', 'c']] }] };
      yield { kind: 'done', linesScanned: 3, bytesScanned: 100, elapsedMs: 1, limitReached: false };
    },
  };
  const pair = createMemoryTransportPair();
  stops.push(serve(logqlContract, handlers, pair.server));
  const client = createClient(logqlContract, pair.client);
  stops.push(() => client.close());
  return client;
}

describe('startLogQuery', () => {
  it('passes limit, direction and range (defaults applied server-side) and folds the events', async () => {
    const log: string[] = [];
    const states: RunState[] = [];
    startLogQuery(setup(log), { query: '{job="a"}', limit: 10, direction: 'forward', start: 5, end: 9 }, (s) => states.push(s));
    await tick(20);
    const last = states.at(-1)!;
    expect(log).toEqual(['query:{job="a"}:10:forward:5-9']);
    expect(last.status).toBe('done');
    expect(last.rows.map((r) => r.line)).toEqual(['b', 'a', 'c']);
    expect(last.progress).toEqual({ bytesDone: 10, bytesTotal: 100, streamsMatched: 1 });
    expect(last.done).toMatchObject({ linesScanned: 3, limitReached: false });
    expect(states[0]!.status).toBe('running');
  });

  it('ends with the AppError the stream ended with', async () => {
    const states: RunState[] = [];
    startLogQuery(setup([]), { query: 'bad', limit: 10, direction: 'backward' }, (s) => states.push(s));
    await tick(20);
    expect(states.at(-1)).toMatchObject({ status: 'error', error: { code: 'bad_input', message: 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER' } });
  });

  it('cancel aborts the handler on the server and keeps the rows so far', async () => {
    const log: string[] = [];
    const states: RunState[] = [];
    const h = startLogQuery(setup(log), { query: '{slow="1"}', limit: 10, direction: 'backward' }, (s) => states.push(s));
    await tick(20);
    expect(states.at(-1)!.rows.length).toBe(2);
    h.cancel();
    await tick(20);
    expect(log).toContain('aborted');
    expect(states.at(-1)).toMatchObject({ status: 'cancelled' });
    expect(states.at(-1)!.rows.length).toBe(2);
  });

  it('validates the input at the boundary like the real server (limit ≤ 5000)', async () => {
    const states: RunState[] = [];
    startLogQuery(setup([]), { query: '{a="b"}', limit: 9999, direction: 'backward' }, (s) => states.push(s));
    await tick(20);
    expect(states.at(-1)).toMatchObject({ status: 'error', error: { code: 'bad_input' } });
  });
});

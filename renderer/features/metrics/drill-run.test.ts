import { afterEach, describe, expect, it } from 'vitest';
import { logqlContract, type LogQueryEvent, type LogQueryInput } from '../../../shared/contract/logql';
import { createClient } from '../../../shared/rpc/client';
import type { Handlers } from '../../../shared/rpc/define';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import { startLogQuery, type RunState } from '../explore/log-query-run';
import { drillWindow, logQueriesBehind } from './drill-query';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

/** What use-drill does on a click, against a real serve() that records the log query it gets. */
async function drill(metricQuery: string, t: number, choice = 0): Promise<{ inputs: LogQueryInput[]; state: RunState }> {
  const inputs: LogQueryInput[] = [];
  const handlers: Handlers<typeof logqlContract> = {
    'logql.check': async () => ({ ok: true, kind: 'log' }),
    'logql.query': async function* (input): AsyncIterable<LogQueryEvent> {
      inputs.push(input);
      yield { kind: 'streams', result: [{ stream: { job: 'a' }, values: [[`${(input.end! - 1) * 1e6}`, 'the line at the step']] }] };
      yield { kind: 'done', linesScanned: 1, bytesScanned: 10, elapsedMs: 1, limitReached: false };
    },
  };
  const pair = createMemoryTransportPair();
  stops.push(serve(logqlContract, handlers, pair.server));
  const client = createClient(logqlContract, pair.client);
  stops.push(() => client.close());
  const target = logQueriesBehind(metricQuery)[choice]!;
  const states: RunState[] = [];
  startLogQuery(client, { query: target.query, ...drillWindow(target, t), limit: 1000, direction: 'backward' }, (s) => states.push(s));
  await tick(20);
  return { inputs, state: states.at(-1)! };
}

describe('drilling into a metric step runs the log query behind it over the window it read', () => {
  it.each<[string, string, number, number, Partial<LogQueryInput>]>([
    ['count_over_time at t: (t - 1m, t]', 'sum by (level) (count_over_time({job="a"} |= "err" | logfmt [1m]))', 600_000, 0, { query: '{job="a"} |= "err" | logfmt', start: 540_000, end: 600_001 }],
    ['unwrap is not part of the lines', 'avg_over_time({job="a"} | json | unwrap latency [5m])', 600_000, 0, { query: '{job="a"} | json', start: 300_000, end: 600_001 }],
    ['offset moves the window', 'rate({job="a"}[1m] offset 5m)', 600_000, 0, { query: '{job="a"}', start: 240_000, end: 300_001 }],
    ['the right side of a ratio', 'sum(rate({job="a"} |= "err" [1m])) / sum(rate({job="a"}[2m]))', 600_000, 1, { query: '{job="a"}', start: 480_000, end: 600_001 }],
  ])('%s', async (_, query, t, choice, expected) => {
    const { inputs, state } = await drill(query, t, choice);
    expect(inputs).toEqual([{ limit: 1000, direction: 'backward', ...expected }]);
    expect(state.status).toBe('done');
    expect(state.rows.map((r) => r.line)).toEqual(['the line at the step']);
  });
});

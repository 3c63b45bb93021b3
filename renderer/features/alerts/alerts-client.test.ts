import { describe, expect, it } from 'vitest';
import type { BacktestEvent, BacktestGroup } from '../../../shared/contract/alerts';
import type { SubscribeHandlers } from '../../../shared/rpc/client';
import type { AppError } from '../../../shared/model/app-error';
import { rulesCheckOptions, runBacktest, type AlertsClient } from './alerts-client';
import type { BacktestView } from './backtest-view';

/** A client whose one stream the test drives by hand. */
function fakeClient() {
  let handlers: SubscribeHandlers<BacktestEvent> | null = null;
  let unsubscribed = 0;
  const client = {
    subscribe: (_name: string, _input: unknown, h: SubscribeHandlers<BacktestEvent>) => {
      handlers = h;
      return () => void unsubscribed++;
    },
  } as unknown as AlertsClient;
  return { client, emit: (e: BacktestEvent) => handlers!.next(e), end: (error?: AppError) => handlers!.end?.(error), unsubscribed: () => unsubscribed };
}

const input = { rules: 'groups: []', streamIds: ['s'], pipeline: null, start: 0, end: 1 };
const group: BacktestGroup = { group: 'g', intervalMs: 60_000, alerts: [], series: [], errors: [] };

describe('runBacktest', () => {
  it('reports each state of a run that completes', () => {
    const f = fakeClient();
    const views: BacktestView[] = [];
    runBacktest(f.client, input, (v) => views.push(v));
    f.emit({ kind: 'progress', done: 1, total: 2, phase: 'evaluating' });
    f.emit({ kind: 'group', result: group });
    f.emit({ kind: 'done', elapsedMs: 3, evaluations: 2 });
    f.end();
    expect(views.map((v) => v.status)).toEqual(['running', 'running', 'running', 'done']);
    expect(views.at(-1)).toEqual({ status: 'done', groups: [group], elapsedMs: 3, evaluations: 2 });
  });

  it('cancels on the server and shows what arrived so far', () => {
    const f = fakeClient();
    const views: BacktestView[] = [];
    const cancel = runBacktest(f.client, input, (v) => views.push(v));
    f.emit({ kind: 'group', result: group });
    cancel();
    cancel();
    expect(f.unsubscribed()).toBe(1);
    expect(views.at(-1)).toEqual({ status: 'cancelled', groups: [group] });
  });

  it('reports a failure the server ends the stream with', () => {
    const f = fakeClient();
    const views: BacktestView[] = [];
    const cancel = runBacktest(f.client, input, (v) => views.push(v));
    f.end({ code: 'bad_input', message: 'range too long' });
    cancel();
    expect(f.unsubscribed()).toBe(0);
    expect(views.at(-1)).toEqual({ status: 'failed', message: 'range too long', groups: [] });
  });
});

describe('rulesCheckOptions', () => {
  it.each([
    ['sends the rules alone when no pipeline is chosen', null, { rules: 'groups: []' }],
    ['sends the chosen pipeline with the rules, for the lints to type the series', '- regex: {}', { rules: 'groups: []', pipeline: '- regex: {}' }],
  ])('%s', async (_name, pipeline, expected) => {
    const calls: unknown[] = [];
    const client = { call: async (_n: string, input: unknown) => (calls.push(input), { errors: [], lints: [], groups: [] }) } as unknown as AlertsClient;
    const o = rulesCheckOptions(client, 'groups: []', pipeline);
    expect(o.queryKey).toEqual(['rules.check', expected]);
    await o.queryFn({ signal: new AbortController().signal });
    expect(calls).toEqual([expected]);
  });
});

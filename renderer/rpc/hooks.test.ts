import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type LogWindow, type SourcesSnapshot, type VigieContract } from '../../shared/contract';
import { AppFailure, appError } from '../../shared/model/app-error';
import { createClient } from '../../shared/rpc/client';
import type { Handlers } from '../../shared/rpc/define';
import { createMemoryTransportPair } from '../../shared/rpc/memory-transport';
import { serve } from '../../shared/rpc/server';
import type { VigieClient } from './connect';
import { errorText } from './errors';
import { rpcKey, rpcQueryOptions } from './hooks';
import { createStreamStore } from './stream-store';

const snapshot = (n: number): SourcesSnapshot => ({ sources: [], streams: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, sourceId: 'a', labels: { job: 'x' }, status: { state: 'ready', bytesTotal: 1 }, lineCount: 1, first: 0, last: 0, timestampSource: 'line', format: null, assumedYear: null })) });

/** Small fake services: what the renderer's hooks need to be exercised over the real protocol. */
function fakeHandlers(log: string[]): Handlers<VigieContract> {
  const notYet = (): never => {
    throw new AppFailure(appError('unsupported', 'not in this fake'));
  };
  return {
    'app.info': async () => ({ name: 'vigie', version: '0.0.0', mode: 'test', platform: 'test' }),
    'sources.list': async () => snapshot(0),
    'sources.add': async (input) => {
      throw new AppFailure(appError('not_found', 'no such folder', { path: input.path }));
    },
    'sources.addPromtail': notYet,
    'sources.remove': notYet,
    'sources.setJob': notYet,
    'logql.check': notYet,
    'logql.query': notYet,
    'logql.metric': notYet,
    'logql.volume': notYet,
    'pipeline.run': notYet,
    'pipeline.export': notYet,
    'rules.check': notYet,
    'rules.backtest': notYet,
    'rules.test': notYet,
    'connections.list': notYet,
    'connections.save': notYet,
    'connections.remove': notYet,
    'connections.test': notYet,
    'connections.acceptHostKey': notYet,
    'connections.secretBackend': notYet,
    'connections.consentSecretBackend': notYet,
    'prometheus.query': notYet,
    'prometheus.metrics': notYet,
    'prometheus.labels': notYet,
    'prometheus.labelValues': notYet,
    'alertmanager.alerts': notYet,
    'alertmanager.silences': notYet,
    'live.start': notYet,
    'live.stop': notYet,
    'live.state': notYet,
    'live.silence': notYet,
    'live.configure': notYet,
    'live.notifications': notYet,
    'loki.query': notYet,
    'loki.metric': notYet,
    'loki.volume': notYet,
    'loki.labels': notYet,
    'loki.labelValues': notYet,
    'loki.tail': notYet,
    'loki.context': notYet,
    'loki.detectedFields': notYet,
    'loki.patterns': notYet,
    'sources.watch': async function* (_input, { signal }) {
      log.push('watch:start');
      signal.addEventListener('abort', () => log.push('watch:abort'));
      yield snapshot(1);
      yield snapshot(2);
      await new Promise((r) => signal.addEventListener('abort', r));
    },
    'logs.window': async (input, { signal }): Promise<LogWindow> => {
      log.push(`window:${input.offset}:${input.direction}`);
      if (input.offset >= 1000) {
        // a slow block: only the abort ends it
        await new Promise((_, reject) => signal.addEventListener('abort', () => (log.push(`window:${input.offset}:aborted`), reject(new Error('aborted')))));
      }
      const lines = Array.from({ length: Math.min(input.limit, 3) }, (_, i) => ({ streamId: 's0', lineNo: input.offset + i, ts: i, level: 'info' as const, text: `l${i}`, truncated: false, byteLength: 2 }));
      return { total: 2000, offset: input.offset, lines, partial: false };
    },
  };
}

let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

function setup(): { client: VigieClient; log: string[] } {
  const log: string[] = [];
  const pair = createMemoryTransportPair();
  stops.push(serve(contract, fakeHandlers(log), pair.server));
  const client = createClient(contract, pair.client);
  stops.push(() => client.close());
  return { client, log };
}

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('rpcQueryOptions', () => {
  it('keys queries by [procedure, input] and fetches through the client with defaults applied server-side', async () => {
    const { client, log } = setup();
    const qc = new QueryClient();
    const input = { streamIds: ['s0'], offset: 200, limit: 200 };
    const opts = rpcQueryOptions(client, 'logs.window', input);
    expect(opts.queryKey).toEqual(['logs.window', input]);
    const w = await qc.fetchQuery(opts);
    expect(w.total).toBe(2000);
    expect(w.lines[0]?.lineNo).toBe(200);
    expect(log).toEqual(['window:200:backward']);
    expect(qc.getQueryData(rpcKey('logs.window', input))).toEqual(w);
  });

  it("passes react-query's signal: cancelling a query aborts the handler on the server", async () => {
    const { client, log } = setup();
    const qc = new QueryClient();
    const opts = rpcQueryOptions(client, 'logs.window', { streamIds: ['s0'], offset: 1000, limit: 200 });
    const pending = qc.fetchQuery(opts).catch((e: unknown) => e);
    await tick();
    await qc.cancelQueries({ queryKey: ['logs.window'] });
    await pending;
    await tick();
    expect(log).toContain('window:1000:aborted');
  });

  it('rejects with an AppFailure that errorText makes readable, path included', async () => {
    const { client } = setup();
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const err = await qc.fetchQuery(rpcQueryOptions(client, 'sources.add', { path: '/nope' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppFailure);
    expect(errorText(err)).toBe('Not found: no such folder (/nope)');
  });

  it('reports invalid input the server rejected before any handler ran', async () => {
    const { client } = setup();
    const err = await client.call('logs.window', { streamIds: [], offset: -1, limit: 10 }).catch((e: unknown) => e);
    expect(errorText(err)).toMatch(/^Invalid input: logs\.window: offset: /);
  });
});

describe('createStreamStore', () => {
  it('subscribes on the first listener, keeps the latest value, and cancels after the last', async () => {
    const { client, log } = setup();
    let idle = 0;
    const store = createStreamStore(client, 'sources.watch', {}, () => idle++);
    expect(store.getSnapshot().data).toBeUndefined();
    let notified = 0;
    const off1 = store.subscribe(() => notified++);
    const off2 = store.subscribe(() => {});
    await tick(20);
    expect(log.filter((l) => l === 'watch:start')).toHaveLength(1);
    expect(store.getSnapshot().data?.streams).toHaveLength(2);
    expect(notified).toBe(2);
    off1();
    await tick();
    expect(log).not.toContain('watch:abort');
    off2();
    await tick(20);
    expect(log).toContain('watch:abort');
    expect(idle).toBe(1);
  });

  it('records the error a stream ends with', async () => {
    const { client } = setup();
    const store = createStreamStore(client, 'sources.watch', { bogus: 1 } as unknown as Record<string, never>);
    const off = store.subscribe(() => {});
    await tick(20);
    expect(store.getSnapshot().ended).toBe(true);
    expect(store.getSnapshot().error?.code).toBe('bad_input');
    off();
  });
});

import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelinesContract, type PipelineRun } from '../../../shared/contract/pipelines';
import { createClient } from '../../../shared/rpc/client';
import type { Handlers } from '../../../shared/rpc/define';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import { EMPTY_VIEW, nextView, pipelineRunOptions, type PipelinesClient } from './pipelines-client';

const ok = (line: string): PipelineRun => ({ ok: true, input: [{ streamId: 's', line, timestampNs: '1' }], output: [], dropped: [], trace: null, metrics: [], exposition: '' });

let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

/** Handlers of our own until the server's land: a run that waits for `slow` configs. */
function setup(log: string[]): PipelinesClient {
  const handlers: Handlers<typeof pipelinesContract> = {
    'pipeline.run': async (input, { signal }) => {
      log.push(`run:${input.config}:${input.maxLines}`);
      if (input.config === 'slow') {
        await new Promise((_, reject) => signal.addEventListener('abort', () => (log.push('aborted'), reject(new Error('aborted')))));
      }
      if (input.config.includes('broken')) return { ok: false, errors: [{ message: 'could not find expected :', line: 6, column: 3 }] };
      return ok(input.config);
    },
    'pipeline.export': async (input) => ({ ok: true, text: `${input.format}:${input.config}` }),
  };
  const pair = createMemoryTransportPair();
  stops.push(serve(pipelinesContract, handlers, pair.server));
  const client = createClient(pipelinesContract, pair.client);
  stops.push(() => client.close());
  return client;
}

describe('pipeline.run through react-query', () => {
  it('runs over the real protocol with the server applying defaults', async () => {
    const log: string[] = [];
    const qc = new QueryClient();
    const run = await qc.fetchQuery(pipelineRunOptions(setup(log), { config: '- regex: {}', streamIds: [] }));
    expect(run.ok).toBe(true);
    expect(log).toEqual(['run:- regex: {}:2000']);
  });

  it('aborts a superseded run on the server', async () => {
    const log: string[] = [];
    const qc = new QueryClient();
    const opts = pipelineRunOptions(setup(log), { config: 'slow', streamIds: [] });
    const pending = qc.fetchQuery(opts).catch(() => 'cancelled');
    await new Promise((r) => setTimeout(r, 10));
    await qc.cancelQueries({ queryKey: opts.queryKey });
    expect(await pending).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['run:slow:2000', 'aborted']);
  });
});

describe('nextView', () => {
  it('keeps the last good result while the YAML is broken, and shows its errors', () => {
    const good = nextView(EMPTY_VIEW, 'a', ok('a'));
    expect(good).toMatchObject({ good: { config: 'a' }, errors: [], errorsFor: 'a' });
    const broken = nextView(good, 'a broken', { ok: false, errors: [{ message: 'x', line: 6, column: 3 }] });
    expect(broken.good).toBe(good.good);
    expect(broken).toMatchObject({ errors: [{ line: 6, column: 3 }], errorsFor: 'a broken' });
    expect(nextView(broken, 'b', ok('b'))).toMatchObject({ good: { config: 'b' }, errors: [] });
  });
});

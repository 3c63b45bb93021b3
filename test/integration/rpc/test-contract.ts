import { z } from 'zod';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { procedure, stream, type Handlers } from '../../../shared/rpc/define';

/** A contract that exercises every protocol path: answers, failures, validation, cancel, streams. */
export const testContract = {
  'echo.upper': procedure(z.object({ text: z.string().max(100) }), z.object({ text: z.string() })),
  'echo.defaults': procedure(z.object({ n: z.number().int().default(7) }), z.number()),
  'fail.notFound': procedure(z.object({ path: z.string() }), z.null()),
  'fail.crash': procedure(z.object({}), z.null()),
  'slow.wait': procedure(z.object({ ms: z.number() }), z.literal('done')),
  'count.to': stream(z.object({ n: z.number().int().min(0), delayMs: z.number().default(0) }), z.number()),
  'count.forever': stream(z.object({}), z.number()),
  'count.thenFail': stream(z.object({}), z.number()),
};

export interface Probe {
  /** Signals of handlers that were aborted, by handler name. */
  aborted: string[];
  started: string[];
}

export function testHandlers(probe: Probe): Handlers<typeof testContract> {
  const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
    });
  return {
    'echo.upper': async ({ text }) => ({ text: text.toUpperCase() }),
    'echo.defaults': async ({ n }) => n,
    'fail.notFound': async ({ path }) => {
      throw new AppFailure(appError('not_found', `${path} does not exist`, { path }));
    },
    'fail.crash': async () => {
      throw new TypeError('boom');
    },
    'slow.wait': async ({ ms }, { signal }) => {
      probe.started.push('slow.wait');
      signal.addEventListener('abort', () => probe.aborted.push('slow.wait'), { once: true });
      await sleep(ms, signal);
      return 'done' as const;
    },
    'count.to': async function* ({ n, delayMs }, { signal }) {
      for (let i = 1; i <= n; i++) {
        if (delayMs) await sleep(delayMs, signal);
        yield i;
      }
    },
    'count.forever': async function* (_input, { signal }) {
      probe.started.push('count.forever');
      signal.addEventListener('abort', () => probe.aborted.push('count.forever'), { once: true });
      for (let i = 0; !signal.aborted; i++) {
        yield i;
        await sleep(5, signal).catch(() => undefined);
      }
    },
    'count.thenFail': async function* () {
      yield 1;
      throw new AppFailure(appError('unreadable', 'the file went away', { path: '/x' }));
    },
  };
}

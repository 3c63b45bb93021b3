import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/model/app-error';
import type { RpcClient } from '../../../shared/rpc/client';
import type { Probe, testContract } from './test-contract';

export interface Connection {
  client: RpcClient<typeof testContract>;
  probe: Probe;
  close(): Promise<void>;
}

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function failureOf(p: Promise<unknown>): Promise<AppFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw new Error(`rejected with something other than AppFailure: ${String(e)}`);
  }
  throw new Error('expected a failure');
}

/** The one protocol suite every transport must pass. */
export function contractSuite(transportName: string, connect: () => Promise<Connection>): void {
  describe(`the RPC contract over ${transportName}`, () => {
    const withConnection = (fn: (c: Connection) => Promise<void>) => async () => {
      const c = await connect();
      try {
        await fn(c);
      } finally {
        await c.close();
      }
    };

    it('answers a call with the handler value', withConnection(async ({ client }) => {
      expect(await client.call('echo.upper', { text: 'loki' })).toEqual({ text: 'LOKI' });
    }));

    it('applies schema defaults before the handler runs', withConnection(async ({ client }) => {
      expect(await client.call('echo.defaults', {})).toBe(7);
    }));

    it('answers concurrent calls each with its own value', withConnection(async ({ client }) => {
      const words = ['a', 'b', 'c', 'd', 'e'];
      expect(await Promise.all(words.map((text) => client.call('echo.upper', { text })))).toEqual(words.map((w) => ({ text: w.toUpperCase() })));
    }));

    it('refuses invalid input with a bad_input error naming the field', withConnection(async ({ client }) => {
      const f = await failureOf(client.call('echo.upper', { text: 42 } as never));
      expect(f.error.code).toBe('bad_input');
      expect(f.error.message).toContain('text');
    }));

    it('refuses an unknown procedure with not_found', withConnection(async ({ client }) => {
      const f = await failureOf(client.call('no.such' as never, {} as never));
      expect(f.error.code).toBe('not_found');
    }));

    it('carries an AppError with its position unchanged', withConnection(async ({ client }) => {
      const f = await failureOf(client.call('fail.notFound', { path: '/nope' }));
      expect(f.error).toEqual({ code: 'not_found', message: '/nope does not exist', where: { path: '/nope' } });
    }));

    it('turns an unexpected exception into an internal error and keeps serving', withConnection(async ({ client }) => {
      const f = await failureOf(client.call('fail.crash', {}));
      expect(f.error).toMatchObject({ code: 'internal', message: 'boom' });
      expect(await client.call('echo.upper', { text: 'still up' })).toEqual({ text: 'STILL UP' });
    }));

    it('cancels a call: the caller gets cancelled and the handler signal aborts', withConnection(async ({ client, probe }) => {
      const controller = new AbortController();
      const p = client.call('slow.wait', { ms: 10_000 }, { signal: controller.signal });
      await until(() => probe.started.includes('slow.wait'));
      controller.abort();
      expect((await failureOf(p)).error.code).toBe('cancelled');
      await until(() => probe.aborted.includes('slow.wait'));
    }));

    it('streams every value of a subscription in order, then ends', withConnection(async ({ client }) => {
      const got: number[] = [];
      await new Promise<void>((resolve, reject) => {
        client.subscribe('count.to', { n: 50 }, { next: (v) => got.push(v), end: (e) => (e ? reject(new Error(e.message)) : resolve()) });
      });
      expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }));

    it('ends a subscription with the error its handler threw, after the values before it', withConnection(async ({ client }) => {
      const got: number[] = [];
      const error = await new Promise((resolve) => client.subscribe('count.thenFail', {}, { next: (v) => got.push(v), end: resolve }));
      expect(got).toEqual([1]);
      expect(error).toEqual({ code: 'unreadable', message: 'the file went away', where: { path: '/x' } });
    }));

    it('unsubscribing aborts the stream handler', withConnection(async ({ client, probe }) => {
      const got: number[] = [];
      const stop = client.subscribe('count.forever', {}, { next: (v) => got.push(v) });
      await until(() => got.length >= 3);
      stop();
      await until(() => probe.aborted.includes('count.forever'));
    }));

    it('refuses invalid subscription input by ending it with bad_input', withConnection(async ({ client }) => {
      const error = await new Promise((resolve) => client.subscribe('count.to', { n: -1 }, { next: () => {}, end: resolve }));
      expect(error).toMatchObject({ code: 'bad_input' });
    }));
  });
}

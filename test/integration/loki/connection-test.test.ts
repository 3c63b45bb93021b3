/**
 * The "test" button of a Loki connection: a list of checks in words, against the recorded
 * Loki (with and without a tenant), a gateway refusing the password, and nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../main/adapters/loki/index';
import { PASSWORD, TOKEN, clientFor } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';
import { freePort, startTinyServer } from './tiny-server';

type Want = Array<[ConnectionCheck['name'], ConnectionCheck['status'], RegExp]>;

describe('testing a Loki connection', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer();
  });
  afterAll(() => replay.close());

  const run = async (url: string, tenant: string | null): Promise<ConnectionCheck[]> => {
    const client = clientFor(url, tenant);
    try {
      return await client.test();
    } finally {
      await client.close();
    }
  };
  const expectChecks = (got: ConnectionCheck[], want: Want): void => {
    expect(got.map((c) => [c.name, c.status])).toEqual(want.map(([n, s]) => [n, s]));
    got.forEach((c, i) => expect(c.message).toMatch(want[i]![2]));
    for (const c of got) for (const secret of [PASSWORD, TOKEN]) expect(c.message).not.toContain(secret);
  };

  it('a Loki that knows the tenant passes every check', async () => {
    expectChecks(await run(replay.url, 'loki-api-fixtures'), [
      ['reachable', 'ok', /^Loki v3\.7\.6 answers at http:\/\/127\.0\.0\.1:\d+$/],
      ['auth', 'ok', /the user and password were accepted/],
      ['tenant', 'ok', /the tenant "loki-api-fixtures" is accepted/],
      ['labels', 'ok', /^4 label names readable over the last 6 hours: env, filename, host, job$/],
    ]);
  });

  it('a connection without a tenant is told to set one', async () => {
    expectChecks(await run(replay.url, null), [
      ['reachable', 'ok', /Loki v3\.7\.6/],
      ['auth', 'ok', /not refused/],
      ['tenant', 'failed', /set the tenant \(X-Scope-OrgID\)/],
      ['labels', 'skipped', /not tried: Loki needs a tenant/],
    ]);
  });

  it('a gateway refusing the password fails the auth check and skips the rest', async () => {
    const gateway = await startTinyServer((_q, res) => res.writeHead(401, { 'Content-Type': 'text/plain' }).end('401 Unauthorized\n'));
    try {
      expectChecks(await run(gateway.url, 't'), [
        ['reachable', 'ok', /a server answers at/],
        ['auth', 'failed', /refused the credentials: 401 Unauthorized/],
        ['tenant', 'skipped', /credentials were refused/],
        ['labels', 'skipped', /credentials were refused/],
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('an address where nothing listens fails the first check and skips the rest', async () => {
    const port = await freePort();
    expectChecks(await run(`http://127.0.0.1:${port}`, 't'), [
      ['reachable', 'failed', new RegExp(`nothing listens at http://127\\.0\\.0\\.1:${port}`)],
      ['auth', 'skipped', /Loki is not reachable/],
      ['tenant', 'skipped', /Loki is not reachable/],
      ['labels', 'skipped', /Loki is not reachable/],
    ]);
  });
});

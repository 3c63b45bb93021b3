/**
 * The `loki.*` domain as the app wires it: createServices, a Loki connection saved through
 * `connections.save` (password to the secrets file), the whole contract served over the RPC
 * protocol (inputs validated at the boundary), against Loki's recorded answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type LokiQueryEvent } from '../../../shared/contract';
import type { AppError } from '../../../shared/model/index';
import { createClient, type RpcClient } from '../../../shared/rpc/client';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import { createServices, type Services } from '../../../main/host/create-services';
import { END, PASSWORD, START, recordedData } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

let replay: ReplayServer;
let services: Services;
let client: RpcClient<typeof contract>;
let stop: () => void;
const configDir = mkdtempSync(join(tmpdir(), 'vigie-loki-wiring-'));
const ids: Record<string, string> = {};

beforeAll(async () => {
  replay = await startReplayServer();
  services = createServices({ mode: 'test', connections: { configDir } });
  const pair = createMemoryTransportPair();
  stop = serve(contract, services.handlers, pair.server);
  client = createClient(contract, pair.client);
  const save = async (settings: Record<string, unknown>, secrets = {}): Promise<string> => {
    const r = await client.call('connections.save', { settings, secrets });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.connection.id;
  };
  ids.fixtures = await save({ kind: 'loki', name: 'fixtures', url: replay.url, tenant: 'loki-api-fixtures', auth: { type: 'basic', username: 'vigie' } }, { password: PASSWORD });
  ids.noTenant = await save({ kind: 'loki', name: 'no tenant', url: replay.url, auth: { type: 'basic', username: 'vigie' } }, { password: PASSWORD });
  ids.prom = await save({ kind: 'prometheus', name: 'a prometheus', url: replay.url });
});
afterAll(async () => {
  client?.close();
  stop?.();
  await services?.dispose();
  await replay?.close();
  rmSync(configDir, { recursive: true, force: true });
});

function query(input: Parameters<typeof client.subscribe<'loki.query'>>[1]): Promise<{ events: LokiQueryEvent[]; error: AppError | null }> {
  return new Promise((resolve) => {
    const events: LokiQueryEvent[] = [];
    client.subscribe('loki.query', input, { next: (e) => events.push(e), end: (error) => resolve({ events, error: error ?? null }) });
  });
}

describe('a saved Loki connection through the app’s services', () => {
  it('answers a recorded log query with Loki’s entries', async () => {
    const { events, error } = await query({ connectionId: ids.fixtures!, query: '{job="apache"} |= "error"', start: START, end: END, limit: 5, direction: 'backward' });
    expect(error).toBeNull();
    const recorded = recordedData(replay.recorded.get('query_range-streams.txt')!.body) as { result: unknown[] };
    expect(events.flatMap((e) => (e.kind === 'streams' ? e.result : []))).toEqual(recorded.result);
  });

  it('answers a recorded metric query and its label names', async () => {
    const m = await client.call('loki.metric', { connectionId: ids.fixtures!, kind: 'range', query: 'sum by (host) (rate({job="apache"}[1m]))', start: START, end: END, step: 60, limit: 100 });
    expect(m.data).toEqual(recordedData(replay.recorded.get('query_range-matrix.txt')!.body));
    expect((await client.call('loki.labels', { connectionId: ids.fixtures! })).names).toEqual(recordedData(replay.recorded.get('labels-no-range.txt')!.body));
  });

  it.each([
    ['a connection without a tenant: Loki’s 401 in words, no secret in it', () => ids.noTenant!, { limit: 10 }, { code: 'unauthorized', message: expect.stringMatching(/no org id/) }],
    ['a Prometheus connection is not a Loki', () => ids.prom!, { limit: 10 }, { code: 'bad_input', message: 'connection "a prometheus" is a prometheus connection, not loki' }],
    ['an unknown connection', () => 'nope', { limit: 10 }, { code: 'not_found', message: 'no connection nope' }],
    ['a limit above Loki’s 5000, refused at the boundary', () => ids.fixtures!, { limit: 5001 }, { code: 'bad_input' }],
  ])('%s', async (_what, id, extra, want) => {
    const { events, error } = await query({ connectionId: id(), query: '{job="apache"}', start: START, end: END, ...extra });
    expect(events).toEqual([]);
    expect(error).toMatchObject(want);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });

  it('a tail held back more than 5 s is refused at the boundary, as Loki would', async () => {
    const error = await new Promise<AppError | undefined>((resolve) => client.subscribe('loki.tail', { connectionId: ids.fixtures!, query: '{job="apache"}', delayFor: 6 }, { next: () => undefined, end: resolve }));
    expect(error).toMatchObject({ code: 'bad_input' });
  });

  it('the password never reached a settings file', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(configDir, 'connections.json'), 'utf8')).not.toContain(PASSWORD);
  });
});

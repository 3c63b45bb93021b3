/** What the Loki client tests share: the recorded time range, secrets to hunt for, outcomes. */
import { expect } from 'vitest';
import { toAppError } from '../../../shared/model/index';
import { createLokiClient, isLokiFailure, type LokiClient, type LokiConfigInput, type LokiError } from '../../../main/adapters/loki/index';

/** The recorded data: 2026-11-20 00:00:00Z .. 00:05:00Z, in epoch ms. */
export const START = Date.UTC(2026, 10, 20, 0, 0, 0);
export const END = Date.UTC(2026, 10, 20, 0, 5, 0);

/** Secrets configured on every test client: none may ever show up in an error message. */
export const PASSWORD = 'pw-Zebra-Quartz-9137';
export const TOKEN = 'tok-Lantern-Vortex-5521';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: LokiError; message: string; where: unknown };

export async function outcome<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    if (!isLokiFailure(e)) throw e;
    const app = toAppError(e);
    return { ok: false, error: e.loki, message: app.message, where: app.where };
  }
}

/** A client of the replay server; tenant null: no X-Scope-OrgID at all. */
export function clientFor(url: string, tenant: string | null, extra: Partial<LokiConfigInput> = {}): LokiClient {
  return createLokiClient({
    url,
    ...(tenant === null ? {} : { tenant }),
    auth: { kind: 'basic', username: 'vigie', password: PASSWORD },
    headers: { 'X-Api-Token': TOKEN },
    ...extra,
  });
}

/** Every string anywhere in an error (message and fields) is free of the configured secrets. */
export function expectNoSecrets(o: Outcome<unknown>): void {
  if (o.ok) return;
  const text = JSON.stringify(o.error) + o.message;
  for (const s of [PASSWORD, TOKEN, Buffer.from(`vigie:${PASSWORD}`).toString('base64')]) expect(text).not.toContain(s);
}

/** The `data` Loki sent in a recorded body, without its `stats` (the client reports those apart). */
export function recordedData(body: Buffer): unknown {
  const data = (JSON.parse(body.toString('utf8')) as { data: unknown }).data;
  if (Array.isArray(data) || typeof data !== 'object' || data === null) return data;
  const { stats: _stats, ...rest } = data as { stats?: unknown };
  return rest;
}

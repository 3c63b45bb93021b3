/**
 * A live tail that survives a dropped connection: on a transient failure (network, silence,
 * a 5xx) it reconnects with capped backoff, asking Loki for history from the last timestamp
 * it delivered, and drops the entries it already gave. What cannot heal (a query that does
 * not parse, no tenant, refused credentials, a metric query) ends it with that error. Each
 * reconnection is announced, and a resumed history as long as `limit` is flagged: more lines
 * may have arrived during the gap than Loki replays.
 */
import type { LokiStream } from '../../../shared/contract/logql';
import { LokiFailure, type LokiError } from './errors';
import type { TailParams } from './params';
import type { TailFrame } from './schemas';
import { openTail } from './tail';
import type { Transport } from './transport';

export type TailEvent =
  | { kind: 'frame'; frame: TailFrame }
  | { kind: 'reconnecting'; attempt: number; inMs: number; reason: string }
  | { kind: 'resumed'; attempt: number; mayHaveMissed: boolean };

export interface FollowOptions {
  signal?: AbortSignal;
  /** Give up after this many failed reconnections in a row (default: never). */
  maxAttempts?: number;
  /** Backoff: 1 s, 2 s, 4 s… capped here (default 30 s). */
  capMs?: number;
}

const TRANSIENT = new Set<LokiError['kind']>(['network', 'timeout', 'server_error', 'rate_limited']);
const DEFAULT_LIMIT = 100;

const keyOf = (s: LokiStream, v: LokiStream['values'][number]): string => `${JSON.stringify(Object.entries(s.stream).sort())}\u0000${v[0]}\u0000${v[1]}`;

export async function* followTail(t: Transport, p: TailParams, o: FollowOptions = {}): AsyncGenerator<TailEvent, void> {
  const capMs = o.capMs ?? 30_000;
  const limit = p.limit ?? DEFAULT_LIMIT;
  let last: bigint | null = null;
  /** Entries delivered at exactly `last`: a resumed history starts there and repeats them. */
  let atLast = new Set<string>();
  let failures = 0;
  for (;;) {
    const resuming = last !== null;
    const params: TailParams = resuming ? { ...p, start: last!.toString() } : p;
    let first = true;
    try {
      for await (const frame of openTail(t, params, { signal: o.signal })) {
        if (first && resuming) {
          const entries = frame.streams.reduce((n, s) => n + s.values.length, 0);
          yield { kind: 'resumed', attempt: failures, mayHaveMissed: entries >= limit };
        }
        first = false;
        failures = 0;
        const fresh = frame.streams
          .map((s) => ({ stream: s.stream, values: s.values.filter((v) => last === null || BigInt(v[0]) > last || (BigInt(v[0]) === last && !atLast.has(keyOf(s, v)))) }))
          .filter((s) => s.values.length > 0);
        for (const s of fresh) {
          for (const v of s.values) {
            const ts = BigInt(v[0]);
            if (last === null || ts > last) (last = ts), (atLast = new Set());
            if (ts === last) atLast.add(keyOf(s, v));
          }
        }
        if (fresh.length > 0 || frame.dropped.length > 0) yield { kind: 'frame', frame: { streams: fresh, dropped: frame.dropped } };
      }
      return; // Stopped by the signal or closed by Loki with 1000.
    } catch (e) {
      if (!(e instanceof LokiFailure) || !TRANSIENT.has(e.loki.kind) || o.signal?.aborted || t.closed.aborted) throw e;
      failures++;
      if (o.maxAttempts !== undefined && failures > o.maxAttempts) throw e;
      const inMs = Math.min(capMs, 1000 * 2 ** (failures - 1));
      yield { kind: 'reconnecting', attempt: failures, inMs, reason: e.message };
      const stop = AbortSignal.any([t.closed, ...(o.signal ? [o.signal] : [])]);
      const slept = await new Promise<boolean>((resolve) => {
        if (stop.aborted) return resolve(false);
        const timer = setTimeout(() => resolve(true), inMs);
        stop.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
      });
      if (!slept) return;
    }
  }
}

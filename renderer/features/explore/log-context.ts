/**
 * Log context: the entries just before and after one entry in its own stream, as Grafana's
 * "show context". On a Loki connection `loki.context` asks Loki; on local files the same two
 * queries run as `logql.query` on the entry's stream selector (before: backward, ending at the
 * entry's millisecond; after: forward from it, the entry itself left out).
 */
import type { LokiStream } from '../../../shared/contract/logql';
import type { lokiContract } from '../../../shared/contract/loki';
import type { RpcClient } from '../../../shared/rpc/client';
import { quoteGo } from '../../../shared/logql/go-strings';
import type { LogqlClient } from '../../rpc/logql-client';
import { appendStreams, compareNs, type ResultRow } from './query-results';

export interface ContextRows {
  before: ResultRow[];
  after: ResultRow[];
}

export function selectorOfLabels(labels: Readonly<Record<string, string>>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((n) => `${n}=${quoteGo(labels[n]!)}`)
    .join(', ')}}`;
}

/** Oldest first; entries of one time keep the answer's order (reversed for a backward answer). */
const oldestFirst = (rows: ResultRow[], direction: 'forward' | 'backward' = 'forward'): ResultRow[] =>
  [...rows].sort((a, b) => compareNs(a.tsNs, b.tsNs) || (direction === 'forward' ? a.seq - b.seq : b.seq - a.seq));

/** Rows of one side, oldest first, without the entry itself (its first copy only). */
export function contextSide(streams: readonly LokiStream[], entry: Pick<ResultRow, 'tsNs' | 'line'>, limit: number, direction: 'forward' | 'backward' = 'forward'): ResultRow[] {
  let dropped = false;
  const rows = oldestFirst(appendStreams([], streams), direction).filter((r) => {
    if (dropped || r.tsNs !== entry.tsNs || r.line !== entry.line) return true;
    dropped = true;
    return false;
  });
  return rows.slice(0, limit);
}

function collect(client: LogqlClient, input: Parameters<LogqlClient['subscribe']>[1], signal: AbortSignal): Promise<LokiStream[]> {
  return new Promise((resolve, reject) => {
    const out: LokiStream[] = [];
    const stop = client.subscribe('logql.query', input, {
      next: (e) => void (e.kind === 'streams' && out.push(...e.result)),
      end: (error) => (error ? reject(error) : resolve(out)),
    });
    signal.addEventListener('abort', stop, { once: true });
  });
}

export async function fetchContext(client: LogqlClient, lokiConnectionId: string | null, row: ResultRow, n: number, signal: AbortSignal): Promise<ContextRows> {
  if (lokiConnectionId !== null) {
    const loki = client as unknown as RpcClient<typeof lokiContract>;
    const ctx = await loki.call('loki.context', { connectionId: lokiConnectionId, stream: row.stream, ts: row.tsNs, line: row.line, before: n, after: n }, { signal });
    return { before: appendStreams([], ctx.before), after: appendStreams([], ctx.after) };
  }
  const query = selectorOfLabels(row.stream);
  const at = Math.floor(row.tsMs);
  const [before, after] = await Promise.all([
    collect(client, { query, end: at, limit: n, direction: 'backward' }, signal),
    // From the entry's millisecond on: its neighbours of the same time (a syslog second holds
    // many lines) come back here too, in file order, so leave room for them.
    collect(client, { query, start: at, limit: Math.min(5000, Math.max(2 * n + 1, 500)), direction: 'forward' }, signal),
  ]);
  const { earlier, later } = splitAround(oldestFirst(appendStreams([], after)), row);
  return { before: [...contextSide(before, row, n, 'backward'), ...earlier].slice(-n), after: later.slice(0, n) };
}

/**
 * A forward answer from the entry's millisecond, split at the entry: what precedes it in the
 * answer's order (same time, earlier in the file) and what follows it. Without the entry in it,
 * by time alone.
 */
export function splitAround(rows: readonly ResultRow[], entry: Pick<ResultRow, 'tsNs' | 'line'>): { earlier: ResultRow[]; later: ResultRow[] } {
  const i = rows.findIndex((r) => r.tsNs === entry.tsNs && r.line === entry.line);
  if (i >= 0) return { earlier: rows.slice(0, i), later: rows.slice(i + 1) };
  return { earlier: rows.filter((r) => compareNs(r.tsNs, entry.tsNs) < 0), later: rows.filter((r) => compareNs(r.tsNs, entry.tsNs) >= 0) };
}

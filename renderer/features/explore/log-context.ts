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

const oldestFirst = (rows: ResultRow[]): ResultRow[] => [...rows].sort((a, b) => compareNs(a.tsNs, b.tsNs) || a.seq - b.seq);

/** Rows of one side, oldest first, without the entry itself (its first copy only). */
export function contextSide(streams: readonly LokiStream[], entry: Pick<ResultRow, 'tsNs' | 'line'>, limit: number): ResultRow[] {
  let dropped = false;
  const rows = oldestFirst(appendStreams([], streams)).filter((r) => {
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
    return { before: oldestFirst(appendStreams([], ctx.before)), after: oldestFirst(appendStreams([], ctx.after)) };
  }
  const query = selectorOfLabels(row.stream);
  const at = Math.floor(row.tsMs);
  const [before, after] = await Promise.all([
    collect(client, { query, end: at, limit: n, direction: 'backward' }, signal),
    // Room for entries of the entry's own millisecond that precede it (they come back here too).
    collect(client, { query, start: at, limit: Math.min(5000, 2 * n + 1), direction: 'forward' }, signal),
  ]);
  // Local ends are in ms: entries of the entry's own millisecond come back on the "after" side.
  const afterRows = contextSide(after, row, 2 * n + 1);
  const sameMsEarlier = afterRows.filter((r) => compareNs(r.tsNs, row.tsNs) < 0);
  return { before: [...contextSide(before, row, n), ...sameMsEarlier].slice(-n), after: afterRows.filter((r) => compareNs(r.tsNs, row.tsNs) >= 0).slice(0, n) };
}

import type { LogQueryEvent, LogQueryInput } from '../../../shared/contract/logql';
import type { LokiQueryEvent, lokiContract } from '../../../shared/contract/loki';
import type { AppError } from '../../../shared/model/app-error';
import type { RpcClient } from '../../../shared/rpc/client';
import type { LogqlClient } from '../../rpc/logql-client';
import { appendStreams, type ResultRow } from './query-results';

type Progress = Extract<LogQueryEvent, { kind: 'progress' }>;
type Done = Extract<LogQueryEvent, { kind: 'done' }>;

export interface RunState {
  input: LogQueryInput;
  status: 'running' | 'done' | 'error' | 'cancelled';
  /** In arrival order; the list sorts them for display. Grows in place: watch `version`. */
  rows: ResultRow[];
  version: number;
  progress: Omit<Progress, 'kind'> | null;
  done: Omit<Done, 'kind'> | null;
  error: AppError | null;
  /** Loki's warnings (a remote answer may be partial). */
  warnings: string[];
  /** A Loki query split by time: sub-queries done of total. */
  chunks: { done: number; total: number } | null;
}

export interface RunHandle {
  /** Stops the query on the server (unsubscribe sends a cancel). */
  cancel(): void;
}

/**
 * Runs one `logql.query` subscription (`loki.query` on a Loki connection), folding its events into a RunState and reporting
 * each new state. Cancelling reports `cancelled` once and ignores whatever is still in flight.
 */
export function startLogQuery(client: LogqlClient, input: LogQueryInput, onState: (s: RunState) => void, lokiConnectionId?: string): RunHandle {
  let state: RunState = { input, status: 'running', rows: [], version: 0, progress: null, done: null, error: null, warnings: [], chunks: null };
  let over = false;
  const emit = (patch: Partial<RunState>): void => {
    state = { ...state, ...patch, version: state.version + 1 };
    onState(state);
  };
  const handlers = {
    next(event: LogQueryEvent | LokiQueryEvent) {
      if (over) return;
      if (event.kind === 'chunks') emit({ chunks: { done: event.done, total: event.total } });
      else if (event.kind === 'warnings') emit({ warnings: event.warnings });
      else if (event.kind === 'progress') emit({ progress: { bytesDone: event.bytesDone, bytesTotal: event.bytesTotal, streamsMatched: event.streamsMatched } });
      else if (event.kind === 'streams') emit({ rows: appendStreams(state.rows, event.result) });
      else emit({ done: { linesScanned: event.linesScanned, bytesScanned: event.bytesScanned, elapsedMs: event.elapsedMs, limitReached: event.limitReached } });
    },
    end(error?: AppError) {
      if (over) return;
      over = true;
      emit(error ? { status: error.code === 'cancelled' ? 'cancelled' : 'error', error } : { status: 'done' });
    },
  };
  // The Loki view of the same client (the RPC client sends any name): no direction sent when
  // backward, so Loki's default applies as it does for Grafana's and logcli's default requests.
  const stop =
    lokiConnectionId === undefined
      ? client.subscribe('logql.query', input, handlers)
      : (client as unknown as RpcClient<typeof lokiContract>).subscribe('loki.query', { ...input, direction: input.direction === 'forward' ? 'forward' : undefined, connectionId: lokiConnectionId }, handlers);
  onState(state);
  return {
    cancel() {
      if (over) return;
      over = true;
      stop();
      emit({ status: 'cancelled' });
    },
  };
}

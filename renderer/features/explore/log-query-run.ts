import type { LogQueryEvent, LogQueryInput } from '../../../shared/contract/logql';
import type { AppError } from '../../../shared/model/app-error';
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
}

export interface RunHandle {
  /** Stops the query on the server (unsubscribe sends a cancel). */
  cancel(): void;
}

/**
 * Runs one `logql.query` subscription, folding its events into a RunState and reporting each
 * new state. Cancelling reports `cancelled` once and ignores whatever is still in flight.
 */
export function startLogQuery(client: LogqlClient, input: LogQueryInput, onState: (s: RunState) => void): RunHandle {
  let state: RunState = { input, status: 'running', rows: [], version: 0, progress: null, done: null, error: null };
  let over = false;
  const emit = (patch: Partial<RunState>): void => {
    state = { ...state, ...patch, version: state.version + 1 };
    onState(state);
  };
  const stop = client.subscribe('logql.query', input, {
    next(event) {
      if (over) return;
      if (event.kind === 'progress') emit({ progress: { bytesDone: event.bytesDone, bytesTotal: event.bytesTotal, streamsMatched: event.streamsMatched } });
      else if (event.kind === 'streams') emit({ rows: appendStreams(state.rows, event.result) });
      else emit({ done: { linesScanned: event.linesScanned, bytesScanned: event.bytesScanned, elapsedMs: event.elapsedMs, limitReached: event.limitReached } });
    },
    end(error) {
      if (over) return;
      over = true;
      emit(error ? { status: error.code === 'cancelled' ? 'cancelled' : 'error', error } : { status: 'done' });
    },
  });
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

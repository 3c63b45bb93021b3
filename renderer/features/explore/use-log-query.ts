import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogQueryInput } from '../../../shared/contract/logql';
import { logqlClient } from '../../rpc/logql-client';
import { useRpc } from '../../rpc/RpcProvider';
import { startLogQuery, type RunHandle, type RunState } from './log-query-run';

/**
 * The running (or last) log query of the page: a new run cancels the previous one, and
 * leaving the page cancels the current one.
 */
export function useLogQuery(): { run: RunState | null; start(input: LogQueryInput, lokiConnectionId?: string): void; cancel(): void; clear(): void } {
  const { client } = useRpc();
  const [run, setRun] = useState<RunState | null>(null);
  const handle = useRef<RunHandle | null>(null);

  const cancel = useCallback(() => handle.current?.cancel(), []);
  const start = useCallback(
    (input: LogQueryInput, lokiConnectionId?: string) => {
      handle.current?.cancel();
      handle.current = startLogQuery(logqlClient(client), input, setRun, lokiConnectionId);
    },
    [client],
  );
  const clear = useCallback(() => {
    handle.current?.cancel();
    handle.current = null;
    setRun(null);
  }, []);
  useEffect(() => () => handle.current?.cancel(), []);
  return { run, start, cancel, clear };
}

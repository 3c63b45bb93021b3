import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { PipelineRunInput } from '../../../shared/contract/pipelines';
import { useRpc } from '../../rpc/RpcProvider';
import { EMPTY_VIEW, nextView, pipelineRunOptions, pipelinesClient, type RunView } from './pipelines-client';

export const MAX_LINES = 2000;
const DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * Runs the pipeline a pause after each edit. Each input is its own query: the one typed over
 * loses its observer and react-query aborts it (the signal reaches the server); only the
 * current input's answer updates the view, so late answers for old text are dropped.
 */
export function usePipelineRun(config: string, streamIds: string[], traceLine: number | null) {
  const { client } = useRpc();
  const debounced = useDebounced(config, DEBOUNCE_MS);
  const input = useMemo<PipelineRunInput>(
    () => ({ config: debounced, streamIds, maxLines: MAX_LINES, ...(traceLine === null ? {} : { traceLine }) }),
    [debounced, streamIds, traceLine],
  );
  const q = useQuery({
    ...pipelineRunOptions(pipelinesClient(client), input),
    enabled: debounced.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
    // Results can hold thousands of lines: don't keep one per keystroke for long.
    gcTime: 30_000,
    staleTime: 5_000,
  });
  const [view, setView] = useState<RunView>(EMPTY_VIEW);
  const settled = !q.isPlaceholderData ? q.data : undefined;
  useEffect(() => {
    if (settled) setView((prev) => nextView(prev, input.config, settled));
  }, [settled, input.config]);
  return {
    view,
    /** Typing, waiting for the pause, or a run in flight. */
    busy: debounced !== config || q.isFetching,
    /** A failure of the call itself (not YAML errors: those are in view.errors). */
    failure: q.error,
  };
}

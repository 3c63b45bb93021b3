import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine, LogView, LogWindow } from '../../../shared/contract';
import { rpcKey, rpcQueryOptions } from '../../rpc/hooks';
import { useRpc } from '../../rpc/RpcProvider';
import { BLOCK_SIZE, blocksFor, rowsFromBlocks } from './blocks';

/** Rows fetched beyond the viewport on each side, so a small scroll never shows placeholders. */
const OVERSCAN = 40;
/** While a scrollbar drag races through millions of lines, only fetch where it settles. */
const FETCH_DEBOUNCE_MS = 60;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export interface LogWindows {
  /** Lines in the view as last reported (undefined before the first answer). */
  total: number | undefined;
  partial: boolean;
  rows: { index: number; line: LogLine | undefined }[];
  error: unknown;
  fetching: boolean;
}

/**
 * The lines around the viewport, fetched as cached blocks of BLOCK_SIZE via `logs.window`.
 * Blocks that scroll away lose their observer and react-query aborts them, which cancels the
 * request on the server. While the view is partial (still indexing) the visible blocks poll.
 */
export function useLogWindows(view: Required<Pick<LogView, 'streamIds' | 'range' | 'direction'>>, top: number, visible: number): LogWindows {
  const { client } = useRpc();
  const queryClient = useQueryClient();
  const viewKey = JSON.stringify(view);
  const fetchTop = useDebounced(top, FETCH_DEBOUNCE_MS);
  const wanted = blocksFor(Math.max(0, fetchTop - OVERSCAN), fetchTop + visible + OVERSCAN);
  const enabled = view.streamIds.length > 0;

  const inputFor = (block: number) => ({ ...view, offset: block * BLOCK_SIZE, limit: BLOCK_SIZE });
  const results = useQueries({
    queries: wanted.map((block) => ({
      ...rpcQueryOptions(client, 'logs.window', inputFor(block)),
      enabled,
      // Fresh until sources.watch says the streams changed (the Explore page invalidates then).
      staleTime: Infinity,
      refetchInterval: (q: { state: { data: LogWindow | undefined } }) => (q.state.data?.partial ? 1000 : false),
    })),
  });

  // The total from the newest answer; kept across block changes so the scrollbar never jumps to 0.
  const totalRef = useRef<{ key: string; total: number | undefined; partial: boolean }>({ key: viewKey, total: undefined, partial: false });
  if (totalRef.current.key !== viewKey) totalRef.current = { key: viewKey, total: undefined, partial: false };
  let newest = -1;
  for (const r of results) {
    if (r.data && r.dataUpdatedAt > newest) {
      newest = r.dataUpdatedAt;
      totalRef.current.total = r.data.total;
      totalRef.current.partial = r.data.partial;
    }
  }
  const total = enabled ? totalRef.current.total : 0;

  const dataStamp = results.map((r) => r.dataUpdatedAt).join(',');
  const rows = useMemo(() => {
    if (total === undefined) return [];
    // Blocks at the live position may already be cached even if the debounced fetch lags.
    const blocks = new Map<number, LogWindow>();
    for (const b of blocksFor(top, top + visible)) {
      const cached = queryClient.getQueryData<LogWindow>(rpcKey('logs.window', inputFor(b)));
      if (cached) blocks.set(b, cached);
    }
    return rowsFromBlocks(top, visible, total, blocks);
    // dataStamp stands for the results (useQueries returns a new array every render).
  }, [top, visible, total, viewKey, dataStamp, queryClient]);

  return {
    total,
    partial: enabled && totalRef.current.partial,
    rows,
    error: results.find((r) => r.error)?.error ?? null,
    fetching: results.some((r) => r.isFetching),
  };
}

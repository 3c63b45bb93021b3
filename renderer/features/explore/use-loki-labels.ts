import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Labels } from '../../../shared/model/labels';
import { rpcQueryOptions, useRpcQuery } from '../../rpc/hooks';
import { useRpc } from '../../rpc/RpcProvider';

/** Label values fetched for completion and the label browser: enough labels for a real server. */
const MAX_LABELS = 30;

export interface LokiLabels {
  names: string[];
  /** name → values (absent until fetched, or when Loki refused). */
  values: ReadonlyMap<string, readonly string[]>;
  /** For the editor's completion: one label set per (name, value). */
  sets: readonly { labels: Labels }[];
  error: string | null;
  loading: boolean;
}

/**
 * A Loki connection's label names and values over the page's range (Loki's default range,
 * the last hour, when it is open), for completion and the label browser. Cached a minute.
 */
export function useLokiLabels(
  connectionId: string | null,
  range: { start?: number | undefined; end?: number | undefined },
  /** Equality matchers typed so far (selector-text.ts): values of the streams they select too. */
  scope: { labels: Record<string, string>; selector: string } | null = null,
): LokiLabels {
  const { client } = useRpc();
  const span = { ...(range.start !== undefined ? { start: range.start } : {}), ...(range.end !== undefined ? { end: range.end } : {}) };
  const names = useRpcQuery('loki.labels', { connectionId: connectionId ?? '-', ...span }, { enabled: connectionId !== null, staleTime: 60_000, retry: false });
  const picked = (names.data?.names ?? []).slice(0, MAX_LABELS);
  const values = useQueries({
    queries: picked.map((label) => ({
      ...rpcQueryOptions(client, 'loki.labelValues', { connectionId: connectionId ?? '-', label, ...span }),
      enabled: connectionId !== null,
      staleTime: 60_000,
      retry: false,
    })),
  });
  const scopedNames = scope ? picked.filter((n) => !(n in scope.labels)) : [];
  const scoped = useQueries({
    queries: scopedNames.map((label) => ({
      ...rpcQueryOptions(client, 'loki.labelValues', { connectionId: connectionId ?? '-', label, ...span, query: scope!.selector }),
      enabled: connectionId !== null,
      staleTime: 60_000,
      retry: false,
    })),
  });
  const stamp = [...values, ...scoped].map((v) => v.dataUpdatedAt).join(',') + (scope?.selector ?? '');
  return useMemo(() => {
    const map = new Map<string, readonly string[]>();
    values.forEach((v, i) => v.data && map.set(picked[i]!, v.data.values));
    const sets = [...map].flatMap(([name, vs]) => vs.map((v) => ({ labels: { [name]: v } })));
    // Completion keeps a label's values whose set agrees with the other matchers: these do.
    scoped.forEach((v, i) => v.data && sets.push(...v.data.values.map((value) => ({ labels: { ...scope!.labels, [scopedNames[i]!]: value } }))));
    return { names: names.data?.names ?? [], values: map, sets, error: names.error ? names.error.message : null, loading: names.isFetching };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` tracks the value queries
  }, [names.data, names.error, names.isFetching, stamp]);
}

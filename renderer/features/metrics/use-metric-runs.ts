import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { MetricQueryInput } from '../../../shared/contract/metrics';
import { metricsClient } from '../../rpc/metrics-client';
import { useRpc } from '../../rpc/RpcProvider';
import { metricQueryOptions, volumeQueryOptions, type LogVolumeInput, type LokiSource } from './metric-queries';

// Keys for the disabled queries: an idle observer must still name some query.
const NO_METRIC: MetricQueryInput = { kind: 'instant', query: '-', time: 0 };
const NO_VOLUME: LogVolumeInput = { query: '-', start: 0, end: 0 };

/**
 * Explore's server-state for metric answers: the metric query of the last Run, or the log
 * volume of the last log query. Each Run is a new react-query key: the previous one, left
 * without observers, is aborted (and so cancelled on the server).
 */
export function useMetricRuns() {
  const { client } = useRpc();
  const queryClient = useQueryClient();
  const runs = useRef(0);
  const [metric, setMetric] = useState<{ input: MetricQueryInput; run: number; loki?: LokiSource } | null>(null);
  const [volume, setVolume] = useState<{ input: LogVolumeInput; run: number; loki?: LokiSource } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const mc = metricsClient(client);
  const metricQuery = useQuery({ ...metricQueryOptions(mc, metric?.input ?? NO_METRIC, metric?.run ?? 0, metric?.loki), enabled: metric !== null });
  const volumeQuery = useQuery({ ...volumeQueryOptions(mc, volume?.input ?? NO_VOLUME, volume?.run ?? 0, volume?.loki), enabled: volume !== null });

  /** `loki`: run on that Loki connection instead of the local files. */
  const runMetric = useCallback((input: MetricQueryInput, loki?: LokiSource) => {
    setCancelled(false);
    setVolume(null);
    setMetric({ input, run: ++runs.current, ...(loki ? { loki } : {}) });
  }, []);
  const runVolume = useCallback((input: LogVolumeInput, loki?: LokiSource) => {
    setMetric(null);
    setVolume({ input, run: ++runs.current, ...(loki ? { loki } : {}) });
  }, []);
  const clear = useCallback(() => {
    setMetric(null);
    setVolume(null);
  }, []);
  const cancel = useCallback(() => {
    if (!queryClient.isFetching({ queryKey: ['logql.metric'] })) return;
    setCancelled(true);
    void queryClient.cancelQueries({ queryKey: ['logql.metric'] });
  }, [queryClient]);

  return {
    metricInput: metric?.input ?? null,
    metricQuery,
    /** Cancelled by the user (react-query reverts a cancelled query to having no answer). */
    cancelled: cancelled && !metricQuery.data,
    volumeInput: volume?.input ?? null,
    volumeQuery,
    runMetric,
    runVolume,
    clear,
    cancel,
  };
}

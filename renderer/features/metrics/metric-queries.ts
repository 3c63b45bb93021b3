import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import type { MetricAnswer, MetricQueryInput } from '../../../shared/contract/metrics';
import type { AppFailure } from '../../../shared/model/app-error';
import type { MetricsClient } from '../../rpc/metrics-client';

export type LogVolumeInput = { query: string; start: number; end: number; step?: number };

type Options = UseQueryOptions<MetricAnswer, AppFailure, MetricAnswer, QueryKey>;

/**
 * react-query options for one Run of a metric query. `run` numbers the Runs: pressing Run
 * again asks again (Grafana re-queries too), and a new key leaves the previous query without
 * observers, so react-query aborts it and the signal cancels it on the server.
 */
export function metricQueryOptions(client: MetricsClient, input: MetricQueryInput, run: number): Options {
  return {
    queryKey: ['logql.metric', input, run],
    queryFn: ({ signal }) => client.call('logql.metric', input, { signal }),
    retry: false,
    staleTime: Infinity,
  };
}

/** The log-volume histogram of a log query (same cancellation as metricQueryOptions). */
export function volumeQueryOptions(client: MetricsClient, input: LogVolumeInput, run: number): Options {
  return {
    queryKey: ['logql.volume', input, run],
    queryFn: ({ signal }) => client.call('logql.volume', input, { signal }),
    retry: false,
    staleTime: Infinity,
  };
}

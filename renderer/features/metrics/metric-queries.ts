import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import type { MetricAnswer, MetricQueryInput } from '../../../shared/contract/metrics';
import type { AppFailure } from '../../../shared/model/app-error';
import type { lokiContract } from '../../../shared/contract/loki';
import type { RpcClient } from '../../../shared/rpc/client';
import type { MetricsClient } from '../../rpc/metrics-client';

/** A Loki connection answering instead of the local files; `limit` as Grafana sends it. */
export interface LokiSource {
  connectionId: string;
  limit?: number;
}

const lokiView = (client: MetricsClient): RpcClient<typeof lokiContract> => client as unknown as RpcClient<typeof lokiContract>;

export type LogVolumeInput = { query: string; start: number; end: number; step?: number };

type Options = UseQueryOptions<MetricAnswer, AppFailure, MetricAnswer, QueryKey>;

/**
 * react-query options for one Run of a metric query. `run` numbers the Runs: pressing Run
 * again asks again (Grafana re-queries too), and a new key leaves the previous query without
 * observers, so react-query aborts it and the signal cancels it on the server.
 */
export function metricQueryOptions(client: MetricsClient, input: MetricQueryInput, run: number, loki?: LokiSource): Options {
  return {
    queryKey: loki ? ['logql.metric', input, run, loki] : ['logql.metric', input, run],
    queryFn: ({ signal }) => (loki ? lokiView(client).call('loki.metric', { ...input, ...loki }, { signal }) : client.call('logql.metric', input, { signal })),
    retry: false,
    staleTime: Infinity,
  };
}

/** The log-volume histogram of a log query (same cancellation as metricQueryOptions). */
export function volumeQueryOptions(client: MetricsClient, input: LogVolumeInput, run: number, loki?: LokiSource): Options {
  return {
    queryKey: loki ? ['logql.volume', input, run, loki] : ['logql.volume', input, run],
    queryFn: ({ signal }) => (loki ? lokiView(client).call('loki.volume', { ...input, connectionId: loki.connectionId }, { signal }) : client.call('logql.volume', input, { signal })),
    retry: false,
    staleTime: Infinity,
  };
}

import type { metricsContract } from '../../shared/contract/metrics';
import type { RpcClient } from '../../shared/rpc/client';
import type { VigieClient } from './connect';

/** The client seen through the metrics domain only (tests serve just `metricsContract`). */
export type MetricsClient = RpcClient<typeof metricsContract>;

/** A type-level view, as logqlClient: the RPC client sends any name over the wire. */
export function metricsClient(client: VigieClient): MetricsClient {
  return client as unknown as MetricsClient;
}

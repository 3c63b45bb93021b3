import type { logqlContract } from '../../shared/contract/logql';
import type { RpcClient } from '../../shared/rpc/client';
import type { VigieClient } from './connect';

/** The client seen through the logql domain only (tests serve just `logqlContract`). */
export type LogqlClient = RpcClient<typeof logqlContract>;

/**
 * Narrows the app's client to the logql domain. The RPC client is contract-agnostic at run
 * time (names and inputs go over the wire as they are), so this is a type-level view only.
 */
export function logqlClient(client: VigieClient): LogqlClient {
  return client as unknown as LogqlClient;
}

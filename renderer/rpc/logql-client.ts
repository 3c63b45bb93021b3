import type { logqlContract } from '../../shared/contract/logql';
import type { RpcClient } from '../../shared/rpc/client';
import type { VigieClient } from './connect';

export type LogqlClient = RpcClient<typeof logqlContract>;

/**
 * The `logql.*` procedures typed by their own domain contract (shared/contract/logql.ts). The
 * RPC client is contract-agnostic at run time (names and inputs go over the wire as is), so
 * this is a type narrowing only; it keeps working unchanged once `contract` includes logql.
 */
export function logqlClient(client: VigieClient): LogqlClient {
  return client as unknown as LogqlClient;
}

import { alertsContract } from './alerts';
import { alertmanagerContract } from './alertmanager';
import { appContract } from './app';
import { connectionsContract } from './connections';
import { liveContract } from './live';
import { logsContract } from './logs';
import { lokiContract } from './loki';
import { logqlContract } from './logql';
import { metricsContract } from './metrics';
import { pipelinesContract } from './pipelines';
import { remoteContract } from './remote';
import { sourcesContract } from './sources';

export * from './common';
export * from './app';
export * from './sources';
export * from './logs';
export * from './logql';
export * from './metrics';
export * from './pipelines';
export * from './alerts';
export * from './live';
export * from './connections';
export * from './remote';
export * from './alertmanager';
export * from './loki';

/** The whole API, one domain per file. Client, server, CLI and tests derive from this. */
export const contract = {
  ...appContract,
  ...sourcesContract,
  ...logsContract,
  ...logqlContract,
  ...metricsContract,
  ...pipelinesContract,
  ...alertsContract,
  ...liveContract,
  ...connectionsContract,
  ...remoteContract,
  ...alertmanagerContract,
  ...lokiContract,
} as const;
export type VigieContract = typeof contract;

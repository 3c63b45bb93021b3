import { appContract } from './app';
import { logsContract } from './logs';
import { sourcesContract } from './sources';

export * from './common';
export * from './app';
export * from './sources';
export * from './logs';

/** The whole API, one domain per file. Client, server, CLI and tests derive from this. */
export const contract = {
  ...appContract,
  ...sourcesContract,
  ...logsContract,
} as const;
export type VigieContract = typeof contract;

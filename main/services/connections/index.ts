/**
 * The connections domain for the composition root: a service with its defaults (the user's
 * config folder, the 0600 secrets file unless a backend is given, the real testers) and the
 * contract's handlers over it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { connectionsContract } from '../../../shared/contract/connections';
import type { Handlers } from '../../../shared/rpc/define';
import { userConfigDir } from './config-dir';
import { ConnectionService } from './connection-service';
import { fileSecretBackend } from './file-secret-store';
import { testHttp } from './http-testers';
import type { SecretBackend } from './secret-backend';
import { testSsh } from './ssh-tester';

export { ConnectionService } from './connection-service';
export type { SecretBackend, SecretStorePort } from './secret-backend';
export { userConfigDir } from './config-dir';

export interface ConnectionsOptions {
  /** Default: userConfigDir() (VIGIE_CONFIG_DIR, else the platform's config folder). */
  configDir?: string;
  /** Default: <configDir>/connection-secrets.json, mode 0600 (browser mode, CLI). Electron passes safeStorage. */
  secretBackend?: SecretBackend;
}

export function createConnectionService(options: ConnectionsOptions = {}): ConnectionService {
  const configDir = options.configDir ?? userConfigDir();
  return new ConnectionService({
    configDir,
    backend: options.secretBackend ?? fileSecretBackend(join(configDir, 'connection-secrets.json')),
    testers: { http: testHttp, ssh: testSsh },
    home: homedir(),
  });
}

export function connectionHandlers(svc: ConnectionService): Handlers<typeof connectionsContract> {
  return {
    'connections.list': () => svc.list(),
    'connections.save': (input) => svc.save(input),
    'connections.remove': ({ id }) => svc.remove(id),
    'connections.test': ({ id }, { signal }) => svc.test(id, signal),
    'connections.acceptHostKey': ({ id, fingerprint }) => svc.acceptHostKey(id, fingerprint),
    'connections.secretBackend': () => svc.backendInfo(),
    'connections.consentSecretBackend': () => svc.consent(),
  };
}

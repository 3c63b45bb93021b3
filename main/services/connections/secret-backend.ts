/**
 * The port the connections service keeps secrets through. Electron passes its safeStorage
 * store (main/electron/secrets.ts); browser mode and the CLI use a 0600 file
 * (file-secret-store.ts). Names are app-made ids ("conn:<id>:password"), never user text.
 */
import type { SecretBackendInfo } from '../../../shared/contract/connections';

export interface SecretStorePort {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  names(): Promise<string[]>;
}

export interface SecretBackend {
  kind: SecretBackendInfo['kind'];
  /** What and where, in words, for the Connections page. */
  description: string;
  store: SecretStorePort;
  /** Something found when the store was checked (permissions repaired), or null. */
  warning(): Promise<string | null>;
}

export class SecretStorageRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStorageRefused';
  }
}

/** The names a connection's secrets are kept under. Header names are hex-encoded (store names are [A-Za-z0-9._:@-]). */
export const secretName = {
  password: (id: string) => `conn:${id}:password`,
  token: (id: string) => `conn:${id}:token`,
  passphrase: (id: string) => `conn:${id}:passphrase`,
  header: (id: string, header: string) => `conn:${id}:header:${Buffer.from(header.toLowerCase(), 'utf8').toString('hex')}`.slice(0, 128),
  prefix: (id: string) => `conn:${id}:`,
};

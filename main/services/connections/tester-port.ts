/**
 * How the connections service tries a connection without knowing HTTP or SSH: one tester
 * per kind, given the settings and the secrets (only here do secrets leave the store), each
 * answering a list of checks in words. The real ones wrap the Loki / Prometheus / SSH
 * adapters (testers.ts); tests may give real small servers of their own.
 */
import type { ConnectionCheck, ConnectionKind, HostKey, HttpConnectionSettings, SshConnectionSettings } from '../../../shared/contract/connections';

export interface ResolvedSecrets {
  password?: string;
  token?: string;
  passphrase?: string;
  /** Secret header values by header name as written in the settings. */
  headers: Record<string, string>;
}

/** An unknown host key the SSH test saw: shown (info), and what accepting it needs (opaque to the service). */
export interface SeenHostKey {
  info: HostKey;
  accept(): Promise<void>;
}

export interface SshTestOutcome {
  checks: ConnectionCheck[];
  unknownHostKey?: SeenHostKey;
}

export interface ConnectionTesters {
  http(settings: HttpConnectionSettings, secrets: ResolvedSecrets, signal: AbortSignal): Promise<ConnectionCheck[]>;
  ssh(settings: SshConnectionSettings, secrets: ResolvedSecrets, signal: AbortSignal): Promise<SshTestOutcome>;
}

export type TesterKind = ConnectionKind;

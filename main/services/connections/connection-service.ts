/**
 * The connections domain: settings in <config>/connections.json (no secrets), secrets in
 * the SecretBackend, tests through the ConnectionTesters port. Every message that leaves
 * (field errors, test checks, thrown errors) is scrubbed of the connection's secrets.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { connectionSettingsSchema, type ConnectionInfo, type ConnectionKind, type ConnectionSettings, type ConnectionList, type FieldError, type SaveResult, type SecretBackendInfo, type SecretsPatch, type TestResult } from '../../../shared/contract/connections';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { redact, secretForms } from './redact';
import { SecretStorageRefused, type SecretBackend } from './secret-backend';
import { hasSecretFlags, missingSecrets, secretSlots, staleSecrets } from './secrets-plan';
import { emptySettings, loadSettings, saveSettings, type StoredConnection, type StoredSettings } from './settings-file';
import { lokiConfigOf, prometheusConfigOf } from './adapter-configs';
import { resolveSecrets, runTest, withHome } from './run-test';
import type { LokiConfigInput } from '../../adapters/loki';
import type { PrometheusConfigInput } from '../../adapters/prometheus';
import type { SshTarget } from '../../adapters/ssh/ssh-handshake';
import type { ConnectionTesters, ResolvedSecrets, SeenHostKey } from './tester-port';
import { validateSettings } from './validate-settings';

export interface ConnectionServiceOptions {
  configDir: string;
  backend: SecretBackend;
  testers: ConnectionTesters;
  /** For `~/` in file paths. */
  home: string;
  newId?: () => string;
  /** See run-test.ts. */
  graceMs?: number;
}

/** What `sshConfig` gives: enough to open an SshConnection with its known_hosts. */
export interface SshConnectionConfig {
  name: string;
  target: SshTarget;
  knownHostsFile: string | undefined;
  home: string;
  timeoutMs: number;
}

export class ConnectionService {
  readonly settingsFile: string;
  private state: Promise<{ settings: StoredSettings; problem: string | null }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Unknown host keys seen by the last test of each SSH connection, until accepted. */
  private readonly seenKeys = new Map<string, SeenHostKey>();
  private readonly listeners = new Set<(id: string) => void>();

  constructor(private readonly options: ConnectionServiceOptions) {
    this.settingsFile = join(options.configDir, 'connections.json');
  }

  /** The file as last read or written (mtime, size, inode): another change means someone else wrote it. */
  private stamp: string | null = null;

  /**
   * The settings, read again when the file changed on disk since (edited by hand, written
   * by another Vigie window): one stat per call.
   */
  private async load(): Promise<{ settings: StoredSettings; problem: string | null }> {
    const now = await fileStamp(this.settingsFile);
    if (this.state && now === this.stamp) return this.state;
    this.stamp = now;
    this.state = loadSettings(this.settingsFile).catch((e: unknown) => ({
      settings: emptySettings(),
      problem: `${this.settingsFile} could not be read: ${(e as Error).message}`,
    }));
    const loaded = await this.state;
    // A corrupt file was moved aside: remember that there is none now.
    if (loaded.problem) this.stamp = await fileStamp(this.settingsFile);
    return loaded;
  }

  private async write(state: { settings: StoredSettings }, next: StoredSettings): Promise<void> {
    await saveSettings(this.settingsFile, next);
    state.settings = next;
    this.stamp = await fileStamp(this.settingsFile);
  }

  /** Mutations one at a time: read-modify-write of the settings file never interleaves. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async storedNames(): Promise<Set<string>> {
    try {
      return new Set(await this.options.backend.store.names());
    } catch (e) {
      throw storageFailure(e);
    }
  }

  private info(c: StoredConnection, stored: ReadonlySet<string>): ConnectionInfo {
    return { id: c.id, settings: c, hasSecret: hasSecretFlags(c.id, c, stored) };
  }

  async list(): Promise<ConnectionList> {
    const { settings, problem } = await this.load();
    // A secret store that cannot be read still lists the connections (as without secrets); the backend banner says why.
    const stored = await this.storedNames().catch(() => new Set<string>());
    return { connections: settings.connections.map((c) => this.info(c, stored)), problem };
  }

  async backendInfo(): Promise<SecretBackendInfo> {
    const b = this.options.backend;
    const { settings } = await this.load();
    const needsConsent = b.kind === 'basic_text' && !settings.basicTextConsent;
    let warning: string | null;
    try {
      warning = await b.warning();
    } catch (e) {
      warning = (e as Error).message;
    }
    return { kind: b.kind, description: b.description, needsConsent, canStore: b.kind !== 'unavailable' && !needsConsent, warning };
  }

  consent(): Promise<SecretBackendInfo> {
    return this.exclusive(async () => {
      const state = await this.load();
      if (this.options.backend.kind === 'basic_text' && !state.settings.basicTextConsent) {
        const next = { ...state.settings, basicTextConsent: true };
        await this.write(state, next);
      }
      return this.backendInfo();
    });
  }

  save(input: { settings: unknown; secrets: SecretsPatch }): Promise<SaveResult> {
    return this.exclusive(async () => {
      const state = await this.load();
      const secretValues = patchValues(input.secrets, input.settings);
      const fail = (errors: FieldError[]): SaveResult => ({ ok: false, errors: errors.map((e) => ({ ...e, message: redact(e.message, secretValues) })) });
      const v = validateSettings(input.settings);
      if (!v.ok) return fail(v.errors);
      const existing = v.settings.id === undefined ? undefined : state.settings.connections.find((c) => c.id === v.settings.id);
      if (v.settings.id !== undefined && !existing) return fail([{ field: 'id', message: `no connection ${v.settings.id} (it may have been removed)` }]);
      const id = existing?.id ?? (this.options.newId ?? randomId)();
      const clash = state.settings.connections.find((c) => c.id !== id && c.name.toLowerCase() === v.settings.name.toLowerCase());
      if (clash) return fail([{ field: 'name', message: `a ${clash.kind} connection is already named "${clash.name}"` }]);

      const stored = await this.storedNames();
      const slots = secretSlots(id, v.settings, input.secrets);
      const missing = missingSecrets(slots, stored);
      if (missing.length) return fail(missing);
      const toSet = slots.filter((s): s is typeof s & { change: string } => typeof s.change === 'string');
      if (toSet.length) {
        const backend = await this.backendInfo();
        if (!backend.canStore) {
          const why = backend.needsConsent
            ? 'secrets would be stored with basic_text obfuscation only (no keyring found): agree to that on this page first'
            : `secrets cannot be stored here: ${backend.description}`;
          return fail(toSet.map((s) => ({ field: s.field, message: why })));
        }
      }
      try {
        for (const s of toSet) await this.options.backend.store.set(s.name, s.change);
        for (const s of slots) if (s.change === null) await this.options.backend.store.delete(s.name);
      } catch (e) {
        throw storageFailure(e, secretValues);
      }
      const connection: StoredConnection = { ...v.settings, id };
      const connections = existing ? state.settings.connections.map((c) => (c.id === id ? connection : c)) : [...state.settings.connections, connection];
      const next = { ...state.settings, connections };
      await this.write(state, next);
      // A file kept aside was reported once; from now on this file is the truth.
      state.problem = null;
      const after = await this.storedNames();
      for (const name of staleSecrets(id, slots, after)) await this.options.backend.store.delete(name);
      this.seenKeys.delete(id);
      this.changed(id);
      return { ok: true, connection: this.info(connection, await this.storedNames()) };
    });
  }

  remove(id: string): Promise<null> {
    return this.exclusive(async () => {
      const state = await this.load();
      if (!state.settings.connections.some((c) => c.id === id)) throw new AppFailure(appError('not_found', `no connection ${id}`));
      const next = { ...state.settings, connections: state.settings.connections.filter((c) => c.id !== id) };
      await this.write(state, next);
      for (const name of staleSecrets(id, [], await this.storedNames())) await this.options.backend.store.delete(name);
      this.seenKeys.delete(id);
      this.changed(id);
      return null;
    });
  }

  async test(id: string, signal: AbortSignal): Promise<TestResult> {
    const c = await this.find(id);
    const outcome = await runTest(c, { store: this.options.backend.store, testers: this.options.testers, home: this.options.home, graceMs: this.options.graceMs }, signal);
    if (outcome.unknownHostKey) this.seenKeys.set(id, outcome.unknownHostKey);
    else this.seenKeys.delete(id);
    return outcome.result;
  }

  async acceptHostKey(id: string, fingerprint: string): Promise<null> {
    await this.find(id);
    const seen = this.seenKeys.get(id);
    if (!seen) throw new AppFailure(appError('not_found', 'no unknown host key to accept: test the connection first'));
    if (seen.info.fingerprint !== fingerprint) {
      throw new AppFailure(appError('bad_input', `the host now presents ${seen.info.fingerprint}, not ${fingerprint}: test again and compare`));
    }
    await seen.accept();
    this.seenKeys.delete(id);
    return null;
  }

  /** Called with a connection's id after it was saved or removed (clients built from it are stale). */
  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(id: string): void {
    for (const l of [...this.listeners]) l(id);
  }

  /**
   * A connection with its secrets, for the services that talk to it (remote queries, Loki
   * sources). Never sent to the renderer. Fails in words when it is not of `kind` or a
   * required secret is missing.
   */
  async resolve<K extends ConnectionKind>(id: string, kinds: readonly K[]): Promise<{ settings: Extract<ConnectionSettings, { kind: K }>; secrets: ResolvedSecrets }> {
    const c = await this.find(id);
    if (!(kinds as readonly string[]).includes(c.kind)) throw new AppFailure(appError('bad_input', `connection "${c.name}" is a ${c.kind} connection, not ${kinds.join(' or ')}`));
    const { secrets, missing } = await resolveSecrets(c, this.options.backend.store).catch((e: unknown) => {
      throw storageFailure(e);
    });
    if (missing.length) throw new AppFailure(appError('unauthorized', `connection "${c.name}": ${missing.join(', ')} is not stored; edit the connection and enter it`));
    return { settings: withHome(c, this.options.home) as Extract<ConnectionSettings, { kind: K }>, secrets };
  }

  /** A Prometheus connection's client config, secrets included (for remote queries; never sent to the UI). */
  async prometheusConfig(id: string): Promise<PrometheusConfigInput> {
    const { settings, secrets } = await this.resolve(id, ['prometheus']);
    return prometheusConfigOf(settings, secrets);
  }

  /** A Loki connection's client config, secrets included. */
  async lokiConfig(id: string): Promise<LokiConfigInput> {
    const { settings, secrets } = await this.resolve(id, ['loki']);
    return lokiConfigOf(settings, secrets);
  }

  /**
   * An SSH connection as the SSH adapter needs it (passphrase included; never sent to the
   * UI): the target, the known_hosts file (undefined: OpenSSH's default files under `home`).
   */
  async sshConfig(id: string, env: NodeJS.ProcessEnv = process.env): Promise<SshConnectionConfig> {
    const { settings: s, secrets } = await this.resolve(id, ['ssh']);
    if (s.auth.type === 'agent' && !env.SSH_AUTH_SOCK) {
      throw new AppFailure(appError('unauthorized', `connection "${s.name}" logs in with the ssh-agent, but none is running for Vigie (SSH_AUTH_SOCK is not set): start one, or use a key file`));
    }
    const target: SshTarget = {
      host: s.host,
      port: s.port,
      username: s.user,
      ...(s.auth.type === 'agent' ? { agent: env.SSH_AUTH_SOCK } : { privateKeyPath: s.auth.keyFile, ...(secrets.passphrase ? { passphrase: secrets.passphrase } : {}) }),
    };
    return { name: s.name, target, knownHostsFile: s.knownHostsFile, home: this.options.home, timeoutMs: s.timeoutMs };
  }

  private async find(id: string): Promise<StoredConnection> {
    const c = (await this.load()).settings.connections.find((x) => x.id === id);
    if (!c) throw new AppFailure(appError('not_found', `no connection ${id}`));
    return c;
  }
}

async function fileStamp(file: string): Promise<string> {
  try {
    const st = await stat(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return 'none';
  }
}

function randomId(): string {
  return randomBytes(6).toString('hex');
}

function patchValues(p: SecretsPatch, settings: unknown): string[] {
  const parsed = connectionSettingsSchema.safeParse(settings);
  return secretForms(parsed.success ? parsed.data : undefined, [p.password, p.token, p.passphrase, ...Object.values(p.headers ?? {})]);
}

function storageFailure(e: unknown, secrets: readonly string[] = []): AppFailure {
  const message = redact(e instanceof Error ? e.message : String(e), secrets);
  return new AppFailure(appError(e instanceof SecretStorageRefused || (e as Error)?.name === 'SecretsUnavailableError' ? 'permission_denied' : 'internal', `secret storage: ${message}`));
}

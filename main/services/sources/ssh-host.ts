/**
 * An SSH host as the sources registry sees it: a folder tree to stat, list and open files
 * from (as IndexedFiles, so appends and rotations flow exactly as for local files), plus the
 * connection's state in words. `openSshHost` builds one on the SSH adapter (loaded on first
 * use: the app starts without ssh2), from a saved connection's config.
 */
import { posix } from 'node:path';
import type { SshSourceInfo } from '../../../shared/contract/sources';
import { AppFailure, appError, type AppError } from '../../../shared/model/app-error';
import type { IndexedFile } from '../../adapters/fs';
import type { SshConnection, SshConnectionState, SshProblem } from '../../adapters/ssh/index';
import type { SshConnectionConfig } from '../connections/connection-service';

export interface SshHost {
  readonly connectionId: string;
  readonly name: string;
  /** The `host` label of its streams: the host as the connection names it. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** An absolute path: `~`, `~/x` and relative paths are taken from the login folder. */
  absolute(path: string): Promise<string>;
  kind(path: string): Promise<'folder' | 'file'>;
  discover(root: string, options: { glob?: string; recursive: boolean }): Promise<{ files: string[]; errors: AppError[] }>;
  openFile(path: string, options: { follow: boolean }): IndexedFile;
  /** The connection's state in words (for the source card). */
  state(): Omit<SshSourceInfo, 'connectionId' | 'name' | 'host' | 'port' | 'user'>;
  onState(listener: () => void): () => void;
  /** After a failure the user may have fixed (accepted the host key): try connecting again. */
  retry(): Promise<void>;
  close(): Promise<void>;
}

export interface SshHostOptions {
  /** Follow poll interval for remote files (default 1 s: SFTP has no watch). */
  pollMs?: number;
  /** Reconnect delays (default: the adapter's 500 ms → 30 s). */
  backoff?: { initialMs: number; maxMs: number };
}

/** An SSH problem in words; an unknown host key says where to accept it. */
export function problemWords(p: SshProblem, failureMessage: string, name: string, then = ''): string {
  return p.kind === 'host-key-unknown' ? `${failureMessage} To accept it, open the Connections page, test "${name}" and press Accept${then}.` : failureMessage;
}

/** Connects (once, no retry: the caller hears why at once) and gives the host; fails with an AppFailure in words. */
export async function openSshHost(connectionId: string, config: SshConnectionConfig, options: SshHostOptions = {}): Promise<SshHost> {
  const ssh = await import('../../adapters/ssh/index');
  const knownHosts = config.knownHostsFile ? new ssh.KnownHosts([config.knownHostsFile]) : ssh.defaultKnownHosts({ home: config.home });
  let conn: SshConnection;
  try {
    conn = new ssh.SshConnection(config.target, { knownHosts, readyTimeoutMs: config.timeoutMs, ...(options.backoff ? { backoff: options.backoff } : {}) });
  } catch (e) {
    throw new AppFailure(appError('bad_input', `connection "${config.name}": ${(e as Error).message}`));
  }
  const failure = (e: unknown, path?: string): AppFailure => {
    if (e instanceof ssh.SshFailure) return new AppFailure({ ...e.error, message: problemWords(e.problem, e.error.message, config.name, '; then add the folder again') });
    if (e instanceof AppFailure) return e;
    return new AppFailure(appError('unreadable', `${path ?? `${config.target.host}`}: ${(e as Error)?.message ?? String(e)}`, path ? { path } : undefined));
  };
  try {
    await conn.connect();
  } catch (e) {
    await conn.close();
    throw failure(e);
  }
  const realpath = (path: string): Promise<string> =>
    conn.withSftp(path, (sftp) => new Promise<string>((resolve, reject) => sftp.realpath(path, (err, p) => (err ? reject(err) : resolve(p)))));
  const port = conn.port;
  return {
    connectionId,
    name: config.name,
    host: conn.host,
    port,
    user: config.target.username,
    async absolute(path) {
      if (posix.isAbsolute(path)) return posix.normalize(path);
      const rel = path === '~' ? '.' : path.startsWith('~/') ? path.slice(2) || '.' : path;
      try {
        return await realpath(rel);
      } catch (e) {
        throw failure(e, path);
      }
    },
    async kind(path) {
      const s = await ssh.statRemote(conn, path).catch((e: unknown) => {
        throw failure(e, path);
      });
      if (s.kind === 'other') throw new AppFailure(appError('unreadable', `${path} on ${conn.host} is neither a file nor a folder`, { path }));
      return s.kind;
    },
    discover: (root, o) => ssh.listRemoteFiles(conn, root, { recursive: o.recursive, ...(o.glob ? { glob: o.glob } : {}) }).catch((e: unknown) => {
      throw failure(e, root);
    }),
    openFile: (path, o) => ssh.openRemoteIndexedFile(conn, path, { follow: o.follow, pollMs: options.pollMs ?? 1000 }),
    state: () => stateWords(conn.state(), config.name, (p) => new ssh.SshFailure(p).message),
    onState: (listener) => conn.onState(() => listener()),
    retry: () => conn.connect().catch(() => undefined),
    close: () => conn.close(),
  };
}

/** The adapter's state as the source card shows it. */
export function stateWords(s: SshConnectionState, name: string, say: (p: SshProblem) => string): ReturnType<SshHost['state']> {
  switch (s.kind) {
    case 'idle':
    case 'connecting':
      return { state: 'connecting', message: null };
    case 'ready':
      return { state: 'ready', message: null };
    case 'reconnecting': {
      const next = s.nextInMs < 1000 ? `${s.nextInMs} ms` : `${Math.round(s.nextInMs / 1000)} s`;
      return { state: 'reconnecting', message: `${say(s.problem).replace(/; reconnecting$/, '')}; reconnecting (attempt ${s.attempt + 1}, next try in ${next})` };
    }
    case 'failed': {
      const p = s.problem;
      const words = problemWords(p, say(p), name);
      if (p.kind !== 'host-key-unknown') return { state: 'failed', message: words };
      return { state: 'failed', message: words, unknownHostKey: { host: p.host, port: p.port, algorithm: p.keyType, fingerprint: p.fingerprint } };
    }
    case 'closed':
      return { state: 'closed', message: 'the SSH connection was closed' };
  }
}

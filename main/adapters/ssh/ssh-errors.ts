/**
 * Every way an SSH source can fail, as a typed problem a program can switch on (the UI asks
 * the user about an unknown host key, retries a network error, …) and as an AppError whose
 * message a person can read. Secrets (passphrases) never reach a message: none of the texts
 * below include one, and ssh2's own key-parsing messages do not either.
 */
import { AppFailure, appError, type AppError } from '../../../shared/model/index';

interface HostRef {
  host: string;
  port: number;
}

export type NetworkReason = 'refused' | 'dns' | 'timeout' | 'unreachable' | 'reset' | 'not-ssh' | 'other';

export type SshProblem =
  | (HostRef & { kind: 'host-key-unknown'; keyType: string; fingerprint: string; /** base64 blob, to hand back to acceptHostKey */ key: string; otherTypes: string[] })
  | (HostRef & { kind: 'host-key-changed'; keyType: string; fingerprint: string; file: string; line: number })
  | (HostRef & { kind: 'host-key-revoked'; keyType: string; fingerprint: string; file: string; line: number })
  | (HostRef & { kind: 'auth-refused'; username: string; tried: string[] })
  | { kind: 'key-unreadable'; path: string; reason: string }
  | (HostRef & { kind: 'network'; reason: NetworkReason; detail: string })
  | (HostRef & { kind: 'connection-lost'; detail: string })
  | { kind: 'permission-denied'; path: string }
  | { kind: 'not-found'; path: string }
  | { kind: 'remote'; path: string; detail: string }
  | { kind: 'cancelled'; path: string }
  | { kind: 'closed' };

const at = (p: HostRef): string => (p.port === 22 ? p.host : `${p.host}:${p.port}`);

function messageOf(p: SshProblem): string {
  switch (p.kind) {
    case 'host-key-unknown':
      return (
        `${at(p)}: unknown host key (${p.keyType} ${p.fingerprint}). ` +
        (p.otherTypes.length ? `known_hosts has this host only with other key types (${p.otherTypes.join(', ')}). ` : '') +
        'Accept it only if it is the fingerprint the server administrator gives.'
      );
    case 'host-key-changed':
      return (
        `${at(p)}: the host key has CHANGED and the connection was refused. The server now offers ${p.keyType} ${p.fingerprint}, ` +
        `but ${p.file} line ${p.line} holds another key for it. The server may have been reinstalled, or someone may be ` +
        'intercepting the connection; if the change is expected, remove that line.'
      );
    case 'host-key-revoked':
      return `${at(p)}: the host key ${p.keyType} ${p.fingerprint} is marked @revoked in ${p.file} line ${p.line}; connection refused.`;
    case 'auth-refused':
      return `${at(p)}: authentication refused for user "${p.username}" (tried: ${p.tried.join(', ') || 'nothing'}). Check the user name and that the key is in the server's authorized_keys.`;
    case 'key-unreadable':
      return `${p.path}: cannot use this private key: ${p.reason}`;
    case 'network':
      return `${at(p)}: ${NETWORK_WORDS[p.reason]} (${p.detail})`;
    case 'connection-lost':
      return `${at(p)}: the connection dropped (${p.detail}); reconnecting`;
    case 'permission-denied':
      return `${p.path}: permission denied on the SSH host`;
    case 'not-found':
      return `${p.path}: no such file or folder on the SSH host`;
    case 'remote':
      return `${p.path}: ${p.detail}`;
    case 'cancelled':
      return `${p.path}: cancelled`;
    case 'closed':
      return 'the SSH connection was closed';
  }
}

const NETWORK_WORDS: Record<NetworkReason, string> = {
  refused: 'connection refused: no SSH server listens on that port',
  dns: 'host name not found (DNS)',
  timeout: 'no answer in time (host down, firewall, or wrong port)',
  unreachable: 'host or network unreachable',
  reset: 'the connection was reset by the server',
  'not-ssh': 'the server ended the connection before any SSH handshake: is this the SSH port?',
  other: 'network error',
};

function appErrorOf(p: SshProblem): AppError {
  const msg = messageOf(p);
  switch (p.kind) {
    case 'host-key-unknown':
    case 'host-key-changed':
    case 'host-key-revoked':
    case 'auth-refused':
      return appError('unauthorized', msg);
    case 'key-unreadable':
      return appError('bad_input', msg, { path: p.path });
    case 'permission-denied':
      return appError('permission_denied', msg, { path: p.path });
    case 'not-found':
      return appError('not_found', msg, { path: p.path });
    case 'remote':
      return appError('unreadable', msg, { path: p.path });
    case 'cancelled':
      return appError('cancelled', msg, { path: p.path });
    case 'closed':
      return appError('cancelled', msg);
    default:
      return appError('unreadable', msg);
  }
}

/** Thrown by the SSH adapter: `problem` for programs, `error` (an AppError) for people. */
export class SshFailure extends AppFailure {
  constructor(readonly problem: SshProblem) {
    super(appErrorOf(problem));
    this.name = 'SshFailure';
  }
}

/** A problem with one file (listed among a walk's errors), not with the connection. */
export function isFileProblem(p: SshProblem): boolean {
  return p.kind === 'not-found' || p.kind === 'permission-denied' || p.kind === 'remote';
}

/** Thrown by an operation's own code to stop it: passed through as is, never retried. */
export class OperationStopped extends Error {}

/** Errors from the socket and ssh2's connection phase → a network problem, or null when they are not one. */
export function networkProblem(e: unknown, ref: HostRef): SshProblem | null {
  const err = e as Error & { code?: string; level?: string };
  const detail = err?.code ? `${err.code}` : String(err?.message ?? e);
  if (err?.level === 'client-dns') return { kind: 'network', reason: 'dns', detail, ...ref };
  if (err?.level === 'client-timeout') return { kind: 'network', reason: 'timeout', detail: 'no SSH handshake within the ready timeout', ...ref };
  switch (err?.code) {
    case 'ECONNREFUSED':
      return { kind: 'network', reason: 'refused', detail, ...ref };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'network', reason: 'dns', detail, ...ref };
    case 'ETIMEDOUT':
      return { kind: 'network', reason: 'timeout', detail, ...ref };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'network', reason: 'unreachable', detail, ...ref };
    case 'ECONNRESET':
    case 'EPIPE':
      return { kind: 'network', reason: 'reset', detail, ...ref };
  }
  if (/before handshake|identification|bad packet length|protocol/i.test(String(err?.message))) return { kind: 'network', reason: 'not-ssh', detail: String(err.message), ...ref };
  if (err?.level === 'client-socket' || err?.level === 'protocol') return { kind: 'network', reason: 'other', detail: String(err.message), ...ref };
  return null;
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02) that mean the transport, not the file, failed. */
const SFTP_NO_CONNECTION = 6;
const SFTP_CONNECTION_LOST = 7;

/** An SFTP answer about a file → its problem; null when the error is the transport's (retry after reconnecting). */
export function sftpProblem(e: unknown, path: string): SshProblem | null {
  const err = e as Error & { code?: unknown };
  if (typeof err?.code !== 'number' || err.code === SFTP_NO_CONNECTION || err.code === SFTP_CONNECTION_LOST) return null;
  if (err.code === 2) return { kind: 'not-found', path };
  if (err.code === 3) return { kind: 'permission-denied', path };
  return { kind: 'remote', path, detail: err.message };
}

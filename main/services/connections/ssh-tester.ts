/**
 * "Test" for an SSH host, on the SSH adapter: connect once (no retry: the user hears at
 * once why), with the host key checked against known_hosts, then open SFTP. The adapter's
 * typed problem says which step failed; an unknown host key comes back with its
 * fingerprint, and accepting it hands the very key seen back to known_hosts.
 *
 * The adapter (and ssh2) is loaded on first use: the app starts without it, and a problem
 * loading it is one failed check, not a server that cannot start.
 */
import { homedir } from 'node:os';
import type { SFTPWrapper } from 'ssh2';
import type { ConnectionCheck, SshConnectionSettings } from '../../../shared/contract/connections';
import type { SshTarget } from '../../adapters/ssh/ssh-connection';
import { SshFailure, type SshProblem } from '../../adapters/ssh/ssh-errors';
import type { ResolvedSecrets, SshTestOutcome } from './tester-port';

const realpath = (sftp: SFTPWrapper, path: string): Promise<string> => new Promise((resolve, reject) => sftp.realpath(path, (e, p) => (e ? reject(e) : resolve(p))));

/** Checks passed before a step failed, then the failure; names say which step. */
function checksFor(p: SshProblem, at: string): ConnectionCheck[] {
  const message = new SshFailure(p).message;
  const reached: ConnectionCheck = { name: 'network', ok: true, status: 'ok', message: `an SSH server answers at ${at}` };
  switch (p.kind) {
    case 'network':
    case 'connection-lost':
      return [{ name: 'network', ok: false, status: 'failed', message }];
    case 'host-key-unknown':
      return [reached, { name: 'host key', ok: false, status: 'failed', message, unknownHostKey: { host: p.host, port: p.port, algorithm: p.keyType, fingerprint: p.fingerprint } }];
    case 'host-key-changed':
    case 'host-key-revoked':
      return [reached, { name: 'host key', ok: false, status: 'failed', message }];
    case 'auth-refused':
      return [reached, { name: 'host key', ok: true, status: 'ok', message: 'the host key matches known_hosts' }, { name: 'authentication', ok: false, status: 'failed', message }];
    case 'key-unreadable':
      return [{ name: 'private key', ok: false, status: 'failed', message }];
    default:
      return [{ name: 'connection', ok: false, status: 'failed', message }];
  }
}

export async function testSsh(s: SshConnectionSettings, secrets: ResolvedSecrets, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Promise<SshTestOutcome> {
  const at = s.port === 22 ? s.host : `${s.host}:${s.port}`;
  if (s.auth.type === 'agent' && !env.SSH_AUTH_SOCK) {
    return { checks: [{ name: 'ssh-agent', ok: false, status: 'failed', message: 'no ssh-agent is running for Vigie (SSH_AUTH_SOCK is not set): start one, or use a key file' }] };
  }
  const [{ KnownHosts, defaultKnownHosts }, { SshConnection }] = await Promise.all([import('../../adapters/ssh/known-hosts'), import('../../adapters/ssh/ssh-connection')]);
  // Unset: the files OpenSSH reads (~/.ssh/known_hosts, known_hosts2, /etc/ssh/ssh_known_hosts…); accepted keys go to ~/.ssh/known_hosts.
  const knownHosts = s.knownHostsFile ? new KnownHosts([s.knownHostsFile]) : defaultKnownHosts({ home });
  const target: SshTarget = {
    host: s.host,
    port: s.port,
    username: s.user,
    ...(s.auth.type === 'agent' ? { agent: env.SSH_AUTH_SOCK } : { privateKeyPath: s.auth.keyFile, ...(secrets.passphrase ? { passphrase: secrets.passphrase } : {}) }),
  };
  const conn = new SshConnection(target, { knownHosts, readyTimeoutMs: s.timeoutMs });
  const stop = () => void conn.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await conn.connect();
    const checks: ConnectionCheck[] = [
      { name: 'network', ok: true, status: 'ok', message: `an SSH server answers at ${at}` },
      { name: 'host key', ok: true, status: 'ok', message: `the host key matches ${s.knownHostsFile ?? 'known_hosts'}` },
      { name: 'authentication', ok: true, status: 'ok', message: `logged in as ${s.user} with ${s.auth.type === 'agent' ? 'the ssh-agent' : `the key ${s.auth.keyFile}`}` },
    ];
    try {
      const home = await conn.withSftp('.', (sftp) => realpath(sftp, '.'));
      checks.push({ name: 'SFTP', ok: true, status: 'ok', message: `files can be read over SFTP (home folder ${home})` });
    } catch (e) {
      checks.push({ name: 'SFTP', ok: false, status: 'failed', message: `logged in, but SFTP is not available: ${(e as Error).message}` });
    }
    return { checks };
  } catch (e) {
    if (!(e instanceof SshFailure)) throw e;
    const p = e.problem;
    const outcome: SshTestOutcome = { checks: checksFor(p, at) };
    if (p.kind === 'host-key-unknown') {
      const key = Buffer.from(p.key, 'base64');
      outcome.unknownHostKey = { info: { host: p.host, port: p.port, algorithm: p.keyType, fingerprint: p.fingerprint }, accept: () => knownHosts.acceptHostKey(p.host, p.port, key) };
    }
    return outcome;
  } finally {
    signal.removeEventListener('abort', stop);
    await conn.close();
  }
}

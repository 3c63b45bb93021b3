/**
 * One SSH connection attempt with ssh2: the host key checked against known_hosts in
 * ssh2's hostVerifier (ssh2 alone would accept any key), host key algorithms ordered with
 * the known types first (as OpenSSH does), agent then key-file auth, keepalive on. Every
 * failure becomes an SshFailure with its typed problem; the passphrase is only handed to
 * ssh2, never put in a message.
 */
import { readFile } from 'node:fs/promises';
import ssh2, { type Client as SshClient, type ConnectConfig } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader (tsx, browser mode) sees only its default export, so
// named value imports (`import { utils } from 'ssh2'`) fail at start-up; take them from the default.
const { Client, utils } = ssh2;
type Client = SshClient;
import { hostLookupName, keyTypeOf, preferredHostKeyAlgorithms, sha256Fingerprint, verifyHostKey, type KnownHostLine, type KnownHosts } from './known-hosts';
import { SshFailure, networkProblem, type SshProblem } from './ssh-errors';

export interface SshTarget {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  /** An ssh-agent socket (usually process.env.SSH_AUTH_SOCK). */
  agent?: string;
  /** A private key file (OpenSSH or PEM), tried after the agent's keys. */
  privateKeyPath?: string;
  /** The key file's passphrase: a secret, never logged nor put in a message. */
  passphrase?: string;
}

/** ssh2's default host key algorithms (lib/protocol/constants.js), ed25519 first. */
const DEFAULT_HOST_KEY_ALGOS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

export interface HandshakeOptions {
  knownHosts: KnownHosts;
  keepaliveMs?: number;
  keepaliveCountMax?: number;
  readyTimeoutMs?: number;
}

/** One connection attempt: resolves when authenticated, rejects with the SshFailure saying why. */
export async function connectOnce(t: SshTarget, port: number, options: HandshakeOptions): Promise<Client> {
  const ref = { host: t.host, port };
  let privateKey: Buffer | undefined;
  if (t.privateKeyPath) {
    try {
      privateKey = await readFile(t.privateKeyPath);
    } catch (e) {
      throw new SshFailure({ kind: 'key-unreadable', path: t.privateKeyPath, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message });
    }
    const plain = utils.parseKey(privateKey);
    const encrypted = plain instanceof Error && /encrypted|passphrase/i.test(plain.message);
    const parsed = t.passphrase ? utils.parseKey(privateKey, t.passphrase) : plain;
    if (parsed instanceof Error) {
      const reason = encrypted ? (t.passphrase ? 'wrong passphrase' : 'the key is encrypted: a passphrase is needed') : parsed.message;
      throw new SshFailure({ kind: 'key-unreadable', path: t.privateKeyPath, reason });
    }
  }
  let entries: KnownHostLine[];
  try {
    entries = await options.knownHosts.entries();
  } catch (e) {
    throw new SshFailure({ kind: 'remote', path: options.knownHosts.files.join(', '), detail: (e as Error).message });
  }
  const name = hostLookupName(t.host, port);
  let hostProblem: SshProblem | null = null;
  const hostVerifier = (key: Buffer): boolean => {
    const v = verifyHostKey(entries, name, key);
    if (v.kind === 'known') return true;
    const keyType = keyTypeOf(key);
    const fingerprint = sha256Fingerprint(key);
    if (v.kind === 'unknown') hostProblem = { kind: 'host-key-unknown', ...ref, keyType, fingerprint, key: key.toString('base64'), otherTypes: v.otherTypes };
    else if (v.kind === 'changed') hostProblem = { kind: 'host-key-changed', ...ref, keyType, fingerprint, file: v.file, line: v.line };
    else hostProblem = { kind: 'host-key-revoked', ...ref, keyType, fingerprint, file: v.file, line: v.line };
    return false;
  };
  const tried = [t.agent ? 'agent' : '', privateKey ? `key ${t.privateKeyPath}` : ''].filter(Boolean);
  const config: ConnectConfig = {
    host: t.host,
    port: port,
    username: t.username,
    hostVerifier,
    algorithms: { serverHostKey: preferredHostKeyAlgorithms(entries, name, DEFAULT_HOST_KEY_ALGOS) as never },
    keepaliveInterval: options.keepaliveMs ?? 15_000,
    keepaliveCountMax: options.keepaliveCountMax ?? 3,
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    ...(t.agent ? { agent: t.agent } : {}),
    ...(privateKey ? { privateKey, ...(t.passphrase ? { passphrase: t.passphrase } : {}) } : {}),
  };
  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const fail = (problem: SshProblem): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(new SshFailure(problem));
    };
    client.on('ready', () => {
      settled = true;
      resolve(client);
    });
    client.on('error', (e: Error & { level?: string }) => {
      if (e.level === 'agent') return; // ssh2 goes on with the next key / method
      if (hostProblem) return fail(hostProblem);
      if (e.level === 'client-authentication') return fail({ kind: 'auth-refused', ...ref, username: t.username, tried });
      fail(networkProblem(e, ref) ?? { kind: 'network', reason: 'other', detail: e.message, ...ref });
    });
    client.on('close', () => fail(hostProblem ?? { kind: 'network', reason: 'reset', detail: 'closed during the handshake', ...ref }));
    try {
      client.connect(config);
    } catch (e) {
      fail({ kind: 'network', reason: 'other', detail: (e as Error).message, ...ref });
    }
  });
}

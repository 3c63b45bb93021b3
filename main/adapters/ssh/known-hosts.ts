/**
 * OpenSSH known_hosts, read and checked the way `ssh` does (sshd(8) "SSH_KNOWN_HOSTS FILE
 * FORMAT", hostfile.c):
 * - a line is `[@marker] patterns keytype base64-key [comment]`; patterns are comma
 *   separated, with `*` / `?` wildcards and `!` negation, or one hashed `|1|salt|hmac` entry
 *   (HMAC-SHA1 keyed by the salt over the host name as looked up);
 * - a host on a port other than 22 is looked up as `[host]:port`, in lower case;
 * - `@revoked` keys are refused for the hosts they name; `@cert-authority` lines are skipped
 *   (no certificate support here), as are lines that do not parse.
 * The verdict compares key type and key blob: the same key → known; another key of the same
 * type → changed (with the file and line that hold the old one); keys of other types only →
 * unknown (OpenSSH asks then too); nothing → unknown.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface KnownHostLine {
  file: string;
  line: number;
  marker: 'revoked' | null;
  /** Plain patterns, or one hashed entry. */
  hosts: { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { kind: 'known'; file: string; line: number }
  | { kind: 'unknown'; otherTypes: string[] }
  | { kind: 'changed'; file: string; line: number; knownType: string }
  | { kind: 'revoked'; file: string; line: number };

/** The name a host is looked up and recorded under: `host`, or `[host]:port` off port 22. */
export function hostLookupName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** `SHA256:…` as `ssh-keygen -l` and `ssh` print it: unpadded base64 of the blob's SHA-256. */
export function sha256Fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, …). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  return n > 0 && n <= 64 && 4 + n <= blob.length ? blob.toString('latin1', 4, 4 + n) : '';
}

/** Parses a known_hosts text; lines that do not parse or carry another marker are skipped. */
export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/\s+/);
    let marker: KnownHostLine['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      if (fields[0] !== '@revoked') continue; // @cert-authority: certificates not supported
      marker = 'revoked';
      fields.shift();
    }
    if (fields.length < 3) continue;
    const [hostField, keyType, keyB64] = fields as [string, string, string];
    const key = Buffer.from(keyB64, 'base64');
    if (key.length === 0 || keyTypeOf(key) !== keyType) continue;
    const hosts = parseHosts(hostField);
    if (!hosts) continue;
    out.push({ file, line: i + 1, marker, hosts, keyType, key });
  }
  return out;
}

function parseHosts(field: string): KnownHostLine['hosts'] | null {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return null;
    return { kind: 'hashed', salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  }
  return { kind: 'patterns', patterns: field.split(',').filter((p) => p !== '') };
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether a line names the host: a negated pattern that matches excludes it (match_hostname). */
export function lineMatchesHost(entry: KnownHostLine, name: string): boolean {
  if (entry.hosts.kind === 'hashed') {
    const mac = createHmac('sha1', entry.hosts.salt).update(name).digest();
    return mac.equals(entry.hosts.hash);
  }
  let matched = false;
  for (const p of entry.hosts.patterns) {
    const negated = p.startsWith('!');
    if (!wildcard(negated ? p.slice(1) : p).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The verdict for `key` offered by the host looked up as `name`, over the lines of every file read. */
export function verifyHostKey(entries: readonly KnownHostLine[], name: string, key: Buffer): HostKeyVerdict {
  const keyType = keyTypeOf(key);
  const forHost = entries.filter((e) => lineMatchesHost(e, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { kind: 'revoked', file: revoked.file, line: revoked.line };
  const plain = forHost.filter((e) => e.marker === null);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { kind: 'known', file: same.file, line: same.line };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { kind: 'changed', file: sameType.file, line: sameType.line, knownType: sameType.keyType };
  return { kind: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** Host key algorithms ssh2 may negotiate for a known_hosts key type (RSA keys sign with SHA-2 too). */
const ALGOS_OF_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * ssh2's host key algorithm list with the types already known for this host first, as
 * OpenSSH orders HostKeyAlgorithms: otherwise a server with several keys could present one
 * we never saw and look unknown although the host is known.
 */
export function preferredHostKeyAlgorithms(entries: readonly KnownHostLine[], name: string, defaults: readonly string[]): string[] {
  const known = new Set(entries.filter((e) => e.marker === null && lineMatchesHost(e, name)).flatMap((e) => ALGOS_OF_TYPE[e.keyType] ?? [e.keyType]));
  return [...defaults.filter((a) => known.has(a)), ...defaults.filter((a) => !known.has(a))];
}

/** A store over one or more known_hosts files; `acceptHostKey` appends to `writeTo`. */
export class KnownHosts {
  constructor(
    /** Files read, in order (e.g. ~/.ssh/known_hosts and a Vigie-owned one). Missing files are empty. */
    readonly files: readonly string[],
    /** Where accepted keys go; defaults to the first file. */
    readonly writeTo: string = files[0]!,
    private readonly options: { hash?: boolean } = {},
  ) {
    if (files.length === 0) throw new Error('KnownHosts: at least one known_hosts file is needed');
  }

  /** Every entry of every file, read afresh (another program may have edited them). */
  async entries(): Promise<KnownHostLine[]> {
    const all: KnownHostLine[] = [];
    for (const f of this.files) {
      let text: string;
      try {
        text = await readFile(f, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new Error(`cannot read ${f}: ${(e as Error).message}`);
      }
      all.push(...parseKnownHosts(text, f));
    }
    return all;
  }

  async verify(host: string, port: number, key: Buffer): Promise<HostKeyVerdict> {
    return verifyHostKey(await this.entries(), hostLookupName(host, port), key);
  }

  /**
   * Records a key the user accepted after seeing its fingerprint. The key must be given back
   * whole (from the host-key-unknown problem), so nothing else can be accepted by mistake.
   */
  async acceptHostKey(host: string, port: number, key: Buffer): Promise<void> {
    const type = keyTypeOf(key);
    if (!type) throw new Error('acceptHostKey: not an SSH public key blob');
    const name = hostLookupName(host, port);
    let field = name;
    if (this.options.hash) {
      const salt = randomBytes(20);
      field = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
    }
    await mkdir(dirname(this.writeTo), { recursive: true, mode: 0o700 });
    let prefix = '';
    try {
      const cur = await readFile(this.writeTo, 'utf8');
      if (cur.length > 0 && !cur.endsWith('\n')) prefix = '\n';
    } catch {
      // a new file
    }
    await appendFile(this.writeTo, `${prefix}${field} ${type} ${key.toString('base64')}\n`, { mode: 0o600 });
  }
}

/**
 * The files OpenSSH reads by default (UserKnownHostsFile `~/.ssh/known_hosts
 * ~/.ssh/known_hosts2`, GlobalKnownHostsFile `/etc/ssh/ssh_known_hosts{,2}`), plus a
 * Vigie-owned file when given; accepted keys go to that file, else to ~/.ssh/known_hosts.
 */
export function defaultKnownHosts(options: { home: string; vigieFile?: string; hash?: boolean }): KnownHosts {
  const user = [join(options.home, '.ssh', 'known_hosts'), join(options.home, '.ssh', 'known_hosts2')];
  const files = [...user, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2', ...(options.vigieFile ? [options.vigieFile] : [])];
  return new KnownHosts(files, options.vigieFile ?? user[0]!, options.hash !== undefined ? { hash: options.hash } : {});
}

/** Shared by the SSH integration tests: a connection to the test sshd with its key known. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnownHosts, SshConnection, type SshConnectionOptions, type SshTarget } from '../../../main/adapters/ssh/index';
import type { RealSshd } from './real-sshd';

let n = 0;

/** A known_hosts file in the sshd's folder holding `lines` (by default the server's own key). */
export function knownHostsFile(sshd: RealSshd, lines: string[] = [sshd.knownHostsLine()]): string {
  const path = join(sshd.dir, `known_hosts.${++n}`);
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}

export function connectionTo(
  sshd: RealSshd,
  target: Partial<SshTarget> = {},
  options: Partial<SshConnectionOptions> = {},
): SshConnection {
  return new SshConnection(
    { host: sshd.host, port: sshd.port, username: sshd.user, privateKeyPath: sshd.clientKeyPath, ...target },
    { knownHosts: new KnownHosts([knownHostsFile(sshd)]), backoff: { initialMs: 50, maxMs: 400 }, readyTimeoutMs: 10_000, ...options },
  );
}

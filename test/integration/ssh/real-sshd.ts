/**
 * A real OpenSSH server for tests (integration and e2e), on 127.0.0.1 with everything in a
 * temp folder: its own ed25519 host key, a client key made here and authorized, its config,
 * pid file and log. Needs /usr/sbin/sshd and ssh-keygen (Debian `openssh-server`, installed
 * by .ci/run); without them `startRealSshd` throws saying so (tests fail, never skip).
 *
 * API:
 *   const sshd = await startRealSshd({ clientKeyPassphrase?, extraUsers? });
 *   sshd.host, sshd.port, sshd.user        where to connect (the current user, root included;
 *                                          `extraUsers` such as 'nobody' may log in with the same key,
 *                                          so a test can meet permission errors even when run as root)
 *   sshd.dir                               the temp folder (also a place for test log files)
 *   sshd.clientKeyPath                     an authorized private key (passphrase as given)
 *   sshd.hostKeyPubPath, sshd.hostKeyBlob  the server's public host key (file, raw blob)
 *   sshd.knownHostsLine()                  `[127.0.0.1]:PORT ssh-ed25519 AAAA…` for a known_hosts
 *   sshd.fingerprint()                     `SHA256:…` as `ssh-keygen -lf` prints it
 *   sshd.log()                             what sshd wrote on stderr (-e), for failure messages
 *   await sshd.kill()                      SIGKILL to sshd and every session process: connections drop
 *   await sshd.restart({ newHostKey? })    start again on the same port, with the same host key
 *                                          unless newHostKey (a reinstalled server, or an impostor)
 *   await sshd.stop()                      stop and delete the temp folder
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';
export const SSH_KEYGEN = '/usr/bin/ssh-keygen';

export interface RealSshd {
  host: string;
  port: number;
  user: string;
  dir: string;
  clientKeyPath: string;
  hostKeyPubPath: string;
  hostKeyBlob: Buffer;
  knownHostsLine(): string;
  fingerprint(): string;
  log(): string;
  kill(): Promise<void>;
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

function keygen(args: string[]): string {
  const r = spawnSync(SSH_KEYGEN, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something answers with an SSH banner on the port. */
async function waitForBanner(port: number, child: ChildProcess, log: () => string, timeoutMs = 15_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with code ${child.exitCode}:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('data', (d) => (s.destroy(), resolve(d.toString().startsWith('SSH-2.0'))));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process under `pid` (the per-connection sshd and its sftp-server), deepest first. */
function descendants(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const kids = r.stdout.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  return kids.flatMap((k) => [...descendants(k), k]);
}

export async function startRealSshd(options: { clientKeyPassphrase?: string; extraUsers?: string[] } = {}): Promise<RealSshd> {
  for (const bin of [SSHD, SSH_KEYGEN]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: install Debian's openssh-server (.ci/run does) to run the SSH tests`);
  }
  // Privilege separation needs this folder; the Debian package creates it at boot only.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sshd-'));
  chmodSync(dir, 0o755); // sshd reads authorized_keys as the user logging in
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const makeHostKey = (): void => {
    rmSync(hostKey, { force: true });
    rmSync(`${hostKey}.pub`, { force: true });
    keygen(['-q', '-t', 'ed25519', '-N', '', '-C', 'vigie-test-host', '-f', hostKey]);
  };
  makeHostKey();
  const clientKeyPath = join(dir, 'client_key');
  keygen(['-q', '-t', 'ed25519', '-N', options.clientKeyPassphrase ?? '', '-C', 'vigie-test-client', '-f', clientKeyPath]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`), { mode: 0o644 });
  const user = userInfo().username;
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      `AllowUsers ${[user, ...(options.extraUsers ?? [])].join(' ')}`,
      'Subsystem sftp internal-sftp',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  let stderr = '';
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    await waitForBanner(port, child, () => stderr);
  };
  await launch();
  const hostKeyPubPath = `${hostKey}.pub`;
  const pub = (): [string, string] => readFileSync(hostKeyPubPath, 'utf8').trim().split(/\s+/).slice(0, 2) as [string, string];
  const kill = async (): Promise<void> => {
    const pid = child.pid!;
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
    for (const k of descendants(pid)) {
      try {
        process.kill(k, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    child.kill('SIGKILL');
    await exited;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    dir,
    clientKeyPath,
    hostKeyPubPath,
    get hostKeyBlob() {
      return Buffer.from(pub()[1], 'base64');
    },
    knownHostsLine: () => `[127.0.0.1]:${port} ${pub().join(' ')}`,
    fingerprint: () => keygen(['-l', '-E', 'sha256', '-f', hostKeyPubPath]).split(/\s+/)[1]!,
    log: () => stderr,
    kill,
    async restart(opts = {}) {
      if (opts.newHostKey) makeHostKey();
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

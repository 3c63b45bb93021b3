/**
 * SSH hosts as log sources. Open a connection, then list, index and follow its files:
 *
 *   const knownHosts = defaultKnownHosts({ home: homedir(), vigieFile? }); // OpenSSH's files (+ Vigie's)
 *   const conn = new SshConnection({ host, port, username, agent: process.env.SSH_AUTH_SOCK, privateKeyPath }, { knownHosts });
 *   try { await conn.connect(); } catch (e) {
 *     // e: SshFailure; e.problem.kind === 'host-key-unknown' → show e.problem.fingerprint, and if
 *     // the user accepts: await knownHosts.acceptHostKey(host, port, Buffer.from(e.problem.key, 'base64'))
 *   }
 *   const { files } = await listRemoteFiles(conn, '/var/log', { recursive: true, accept: isLogLikeName });
 *   const file = openRemoteIndexedFile(conn, files[0], { follow: true }); // an IndexedFile, as local ones
 */
export { KnownHosts, defaultKnownHosts, hostLookupName, parseKnownHosts, sha256Fingerprint, verifyHostKey, type HostKeyVerdict } from './known-hosts';
export { SshFailure, type SshProblem, type NetworkReason } from './ssh-errors';
export { SshConnection, type SshConnectionOptions, type SshConnectionState, type SshTarget } from './ssh-connection';
export { listRemoteFiles, openRemoteSource, statRemote, type RemoteStat } from './remote-files';
export { SftpFollower } from './sftp-follower';
export { openRemoteIndexedFile, sshFileAccess } from './remote-access';

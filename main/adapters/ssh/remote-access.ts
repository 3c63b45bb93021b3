/**
 * Files of an SSH host as IndexedFiles: the FileAccess of the fs adapter implemented over
 * one SshConnection, so `openRemoteIndexedFile` gives the same line index, timestamps,
 * display reads, follow events and errors as `openIndexedFile` does for a local file.
 * Everything is read through SFTP on the main thread's event loop (the index workers read
 * local paths only); a .gz is inflated as it streams in.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { AppFailure, appError, isAppError, toAppError, type AppError } from '../../../shared/model/index';
import type { FileAccess } from '../fs/file-access';
import { openGzipSource } from '../fs/byte-source';
import { openIndexedFile } from '../fs/indexed-file';
import type { IndexedFile, OpenOptions } from '../fs/file-types';
import { openRemoteSource, statRemote } from './remote-files';
import { SftpFollower } from './sftp-follower';
import type { SshConnection } from './ssh-connection';

const CHUNK = 1024 * 1024;

/** The remote file's raw bytes from 0 to its end, in 1 MiB reads (resumed after a reconnect). */
async function* rawChunks(conn: SshConnection, path: string, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  const source = await openRemoteSource(conn, path);
  try {
    let pos = 0;
    for (;;) {
      const b = await source.read(pos, CHUNK);
      if (b.length === 0) return;
      pos += b.length;
      onBytes?.(pos);
      yield b;
    }
  } finally {
    await source.close().catch(() => undefined);
  }
}

async function* gunzipRemote(conn: SshConnection, path: string, onCompressed?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const raw = Readable.from(rawChunks(conn, path, onCompressed));
  const gunzip = raw.pipe(createGunzip({ chunkSize: 256 * 1024 }));
  raw.on('error', (e) => gunzip.destroy(e));
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

/** AppFailures (SshFailure among them) keep their AppError; zlib's errors say the .gz is bad. */
export function remoteError(e: unknown, path: string): AppError {
  if (e instanceof AppFailure) return e.error;
  if (isAppError(e)) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return appError('unreadable', `${path}: not a valid gzip file (${(e as Error).message})`, { path });
  const err = toAppError(e);
  return appError(err.code === 'internal' ? 'unreadable' : err.code, `${path}: ${err.message}`, { path });
}

/** Following polls every `pollMs` of the IndexedFile's options, else every second (no remote watch). */
export function sshFileAccess(conn: SshConnection): FileAccess {
  return {
    local: false,
    // No inode over SFTP: the follower tells files apart by their first bytes (sftp-follower.ts).
    stat: async (path) => ({ ...(await statRemote(conn, path)), id: `sftp:${path}` }),
    openPlain: (path) => openRemoteSource(conn, path),
    openGzip: (path) => openGzipSource(path, (p) => gunzipRemote(conn, p)),
    gunzipChunks: (path, onCompressed) => gunzipRemote(conn, path, onCompressed),
    follow: (opts) => new SftpFollower(conn, { ...opts, pollMs: opts.pollMs ?? 1000 }),
    error: remoteError,
  };
}

/**
 * A file on the SSH host, indexed (and followed with `follow: true`) like a local one.
 * `options.pollMs` is the follow poll interval (default 1 s; there is no remote watch).
 */
export function openRemoteIndexedFile(conn: SshConnection, path: string, options: OpenOptions): IndexedFile {
  return openIndexedFile(path, options, sshFileAccess(conn));
}

/**
 * Files on an SSH host over SFTP: listing a folder, stat, byte-range reads (a ByteSource the
 * local index machinery reads like a local file), and a file's identity.
 */
import type { SFTPWrapper, Stats } from 'ssh2';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { AppError } from '../../../shared/model/index';
import type { ByteSource } from '../fs/byte-source';
import type { SshConnection } from './ssh-connection';
import { SshFailure, isFileProblem, sftpProblem } from './ssh-errors';

export interface RemoteStat {
  kind: 'file' | 'folder' | 'other';
  size: number;
  mtimeMs: number;
}

const kindOf = (s: Stats): RemoteStat['kind'] => (s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other');

function cb<T>(fn: (done: (err: Error | undefined | null, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

export async function statRemote(conn: SshConnection, path: string): Promise<RemoteStat> {
  return conn.withSftp(path, async (sftp) => {
    const s = await cb<Stats>((d) => sftp.stat(path, d));
    return { kind: kindOf(s), size: s.size, mtimeMs: s.mtime * 1000 };
  });
}

/**
 * The files under `root`, sorted, with the errors met on the way (an unreadable sub-folder
 * does not stop the walk; a connection that fails for good, or `signal`, does: it throws).
 * `glob` as the local discovery's (`**\/*.log`); the sources registry's `discover` port is
 * `(root, o) => listRemoteFiles(conn, root, o)`. Symlinked folders are not entered (they can loop). `accept`
 * filters by base name (the sources service passes its log-like-name rule).
 */
export async function listRemoteFiles(
  conn: SshConnection,
  root: string,
  options: { recursive: boolean; glob?: string; accept?: (name: string) => boolean; signal?: AbortSignal },
): Promise<{ files: string[]; errors: AppError[] }> {
  // As discover-files.ts locally: the glob applies to the path relative to the root, and a
  // glob without a slash also matches base names.
  const glob = options.glob ? picomatch(options.glob, { dot: false, basename: !options.glob.includes('/') }) : () => true;
  const files: string[] = [];
  const errors: AppError[] = [];
  const top = await statRemote(conn, root).catch((e: unknown) => e);
  if (top instanceof SshFailure && isFileProblem(top.problem)) return { files, errors: [top.error] };
  if (top instanceof Error) throw top;
  if ((top as RemoteStat).kind !== 'folder') return { files: [root], errors };
  const walk = async (dir: string): Promise<void> => {
    if (options.signal?.aborted) throw new SshFailure({ kind: 'cancelled', path: root });
    let list: { filename: string; attrs: Stats }[];
    try {
      list = await conn.withSftp(dir, (sftp) => cb((d) => sftp.readdir(dir, d)));
    } catch (e) {
      if (e instanceof SshFailure && isFileProblem(e.problem)) return void errors.push(e.error);
      throw e;
    }
    list.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
    for (const { filename, attrs } of list) {
      if (filename === '.' || filename === '..') continue;
      const full = posix.join(dir, filename);
      let kind = kindOf(attrs);
      if (attrs.isSymbolicLink()) {
        const target = await statRemote(conn, full).catch((e: unknown) => e);
        if (target instanceof SshFailure && isFileProblem(target.problem)) {
          errors.push(target.error);
          continue;
        }
        if (target instanceof Error) throw target;
        kind = (target as RemoteStat).kind === 'folder' ? 'other' : (target as RemoteStat).kind;
        if ((target as RemoteStat).kind === 'folder') continue;
      }
      if (kind === 'folder') {
        if (options.recursive) await walk(full);
      } else if ((!options.accept || options.accept(filename)) && glob(posix.relative(root, full))) files.push(full);
    }
  };
  await walk(root);
  return { files, errors };
}

/** SFTP reads are pipelined in pieces every server accepts (RFC: at least 32 KiB). */
const PIECE = 32 * 1024;
const IN_FLIGHT = 32;

async function readPiece(sftp: SFTPWrapper, handle: Buffer, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const n = await new Promise<number>((resolve, reject) =>
      sftp.read(handle, buf, got, len - got, pos + got, (err, bytesRead) => {
        // ssh2 reports end of file as an error with SFTP status 1 (EOF).
        if (err && (err as Error & { code?: number }).code === 1) return resolve(0);
        return err ? reject(err) : resolve(bytesRead);
      }),
    );
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Bytes [pos, pos+len) of an open handle, fewer at the end of the file. */
export async function readHandle(sftp: SFTPWrapper, handle: Buffer, pos: number, len: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let at = pos; at < pos + len; at += PIECE * IN_FLIGHT) {
    const batch: Promise<Buffer>[] = [];
    for (let p = at; p < Math.min(pos + len, at + PIECE * IN_FLIGHT); p += PIECE) batch.push(readPiece(sftp, handle, p, Math.min(PIECE, pos + len - p)));
    const got = await Promise.all(batch);
    for (const g of got) {
      parts.push(g);
      if (g.length < PIECE) return Buffer.concat(parts); // end of file
    }
  }
  return Buffer.concat(parts);
}

export function openHandle(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return cb<Buffer>((d) => sftp.open(path, 'r', d));
}

/** Best effort: never rejects (a handle of a dead session is gone anyway). */
export function closeHandle(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve) => {
    try {
      sftp.close(handle, () => resolve());
    } catch {
      resolve();
    }
  });
}

export function fstatHandle(sftp: SFTPWrapper, handle: Buffer): Promise<Stats> {
  return cb<Stats>((d) => sftp.fstat(handle, d));
}

/**
 * A remote file as a ByteSource. The handle is opened again (by path) on a new connection,
 * so a read interrupted by a dropped connection is simply done again once reconnected.
 * Sequential reads (indexing) are read ahead by one range, so the network works while the
 * caller indexes the previous chunk.
 */
export async function openRemoteSource(conn: SshConnection, path: string): Promise<ByteSource> {
  let held: { gen: number; handle: Buffer; sftp: SFTPWrapper } | null = null;
  const handleFor = async (sftp: SFTPWrapper, gen: number): Promise<Buffer> => {
    if (held && held.gen === gen) return held.handle;
    held = { gen, handle: await openHandle(sftp, path), sftp };
    return held.handle;
  };
  const fetch = (pos: number, len: number): Promise<Buffer> => conn.withSftp(path, async (sftp, gen) => readHandle(sftp, await handleFor(sftp, gen), pos, len));
  let ahead: { pos: number; len: number; bytes: Promise<Buffer> } | null = null;
  let lastEnd = -1;
  await conn.withSftp(path, handleFor); // fails here (not found, permission) rather than on first read
  return {
    async read(pos, len) {
      const a = ahead;
      ahead = null;
      let bytes: Buffer | null = null;
      // Only a full read-ahead is used: a short one hit the end of a file that may have grown since.
      if (a && a.pos === pos && a.len === len) bytes = await a.bytes.then((b) => (b.length === len ? b : null)).catch(() => null);
      bytes ??= await fetch(pos, len);
      if (pos === lastEnd && bytes.length === len && len <= READ_AHEAD_MAX) {
        ahead = { pos: pos + len, len, bytes: fetch(pos + len, len) };
        ahead.bytes.catch(() => undefined);
      }
      lastEnd = pos + bytes.length;
      return bytes;
    },
    close: async () => {
      const h = held;
      held = null;
      ahead = null;
      // Not awaited: on a connection gone silent the answer would wait for keepalive.
      if (h && h.gen === conn.generation && conn.state().kind === 'ready') void closeHandle(h.sftp, h.handle);
    },
  };
}

const READ_AHEAD_MAX = 4 * 1024 * 1024;

/** An SFTP error → the SshFailure for `path`, or the error itself when it is the transport's. */
export function asRemoteFailure(e: unknown, path: string): unknown {
  const p = sftpProblem(e, path);
  return p ? new SshFailure(p) : e;
}

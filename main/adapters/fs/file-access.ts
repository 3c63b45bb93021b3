/**
 * Where an IndexedFile's bytes come from. Local files are the default; an SSH host
 * (main/adapters/ssh/remote-access.ts) plugs in here, so a remote file gets the very same
 * line index, timestamps, display reads and follow events as a local one.
 */
import { stat } from 'node:fs/promises';
import type { AppError } from '../../../shared/model/index';
import { gunzipChunks, openGzipSource, openPlainSource, type ByteSource } from './byte-source';
import { FileFollower, fileId, type FollowerOptions } from './file-follower';
import { fsError } from './fs-errors';

export interface FileAccessStat {
  kind: 'file' | 'folder' | 'other';
  size: number;
  mtimeMs: number;
  /** The identity the follower compares (dev:ino locally). */
  id: string;
}

export interface Follower {
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface FileAccess {
  /**
   * Local paths can be handed to the index workers and the LogQL scan workers, which read
   * the file themselves; a remote file is indexed and scanned through `openPlain` instead.
   */
  readonly local: boolean;
  stat(path: string): Promise<FileAccessStat>;
  openPlain(path: string): Promise<ByteSource>;
  /** Random access to a .gz's decompressed bytes (see byte-source.ts). */
  openGzip(path: string): ByteSource;
  /** One streaming pass over a .gz's decompressed bytes, reporting compressed bytes read. */
  gunzipChunks(path: string, onCompressed?: (bytes: number) => void): AsyncGenerator<Uint8Array>;
  follow(options: FollowerOptions): Follower;
  /** Any failure of these methods → an AppError a person can read. */
  error(e: unknown, path: string): AppError;
}

export const localFileAccess: FileAccess = {
  local: true,
  async stat(path) {
    const s = await stat(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other', size: s.size, mtimeMs: s.mtimeMs, id: fileId(s) };
  },
  openPlain: (path) => openPlainSource(path),
  openGzip: (path) => openGzipSource(path),
  gunzipChunks: (path, onCompressed) => gunzipChunks(path, onCompressed),
  follow: (options) => new FileFollower(options),
  error: (e, path) => fsError(e, path),
};

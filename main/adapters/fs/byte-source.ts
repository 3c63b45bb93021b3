/**
 * Random access to a file's (decompressed) bytes. Plain files: positioned reads (fs.read at
 * an offset), never the whole file. Gzip: offsets are decompressed offsets. A deflate stream
 * cannot be entered in the middle without the decoder state (zran-style checkpoints need
 * inflatePrime, which Node's zlib lacks), so the tradeoff is: keep an LRU of decoded 1 MiB
 * blocks (32 MiB at most) and, on a miss, inflate again from the start up to the block
 * asked for. Scrolling near recent positions is instant; a jump far into a big .gz costs
 * one re-inflate pass (~300-500 MB/s). Indexing a .gz is one streaming pass.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export interface ByteSource {
  /** Bytes [pos, pos+len) clipped at the end; fewer when the file is shorter. */
  read(pos: number, len: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openPlainSource(path: string): Promise<ByteSource & { handle: FileHandle }> {
  const handle = await open(path, 'r');
  return {
    handle,
    async read(pos, len) {
      const buf = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await handle.read(buf, got, len - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
    close: () => handle.close(),
  };
}

/** Streams decompressed chunks of a .gz, reporting compressed bytes consumed. */
export async function* gunzipChunks(path: string, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let compressed = 0;
  raw.on('data', (c) => onCompressed?.((compressed += c.length)));
  const gunzip = raw.pipe(createGunzip({ chunkSize: 256 * 1024 }));
  raw.on('error', (e) => gunzip.destroy(e));
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

const BLOCK = 1024 * 1024;
const MAX_BLOCKS = 32;

/** `inflate`: the decompressed chunks from the start (a local file by default; a remote one over SSH). */
export function openGzipSource(path: string, inflate: (path: string) => AsyncIterable<Uint8Array> = gunzipChunks): ByteSource {
  const cache = new Map<number, Buffer>(); // block number → decoded bytes (Map order = LRU)
  const remember = (k: number, b: Buffer): void => {
    cache.delete(k);
    cache.set(k, b);
    while (cache.size > MAX_BLOCKS) cache.delete(cache.keys().next().value!);
  };
  /** Inflates from the start until `last` block is decoded, caching blocks first..last. */
  async function inflateTo(first: number, last: number): Promise<void> {
    let k = 0;
    let filled = 0;
    let parts: Buffer[] = [];
    for await (const chunk of inflate(path)) {
      let c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      while (c.length > 0) {
        const take = Math.min(BLOCK - filled, c.length);
        if (k >= first) parts.push(c.subarray(0, take)); // blocks before `first` are only counted
        filled += take;
        c = c.subarray(take);
        if (filled === BLOCK) {
          if (k >= first) remember(k, Buffer.concat(parts));
          if (k >= last) return;
          k++;
          filled = 0;
          parts = [];
        }
      }
    }
    if (k >= first && filled > 0) remember(k, Buffer.concat(parts));
  }
  async function blockAt(k: number, last: number): Promise<Buffer | undefined> {
    if (!cache.has(k)) await inflateTo(k, last);
    const b = cache.get(k);
    if (b) remember(k, b);
    return b;
  }
  return {
    async read(pos, len) {
      const first = Math.floor(pos / BLOCK);
      const last = Math.floor((pos + len - 1) / BLOCK);
      const parts: Buffer[] = [];
      for (let k = first; k <= Math.min(last, first + MAX_BLOCKS - 1); k++) {
        const b = await blockAt(k, Math.min(last, first + MAX_BLOCKS - 1));
        if (!b) break;
        parts.push(b);
        if (b.length < BLOCK) break;
      }
      const all = Buffer.concat(parts);
      const off = pos - first * BLOCK;
      return all.subarray(off, off + len);
    },
    close: async () => cache.clear(),
  };
}

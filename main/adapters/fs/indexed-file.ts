/**
 * openIndexedFile: a log file indexed off the main thread and kept current while followed.
 *
 * Order of work, so the first screen shows at once: stat → read the first 256 KiB → decide
 * text/binary and encoding, sniff the timestamp format, index those lines right here and
 * publish them ('progress') → hand the rest to worker threads (big plain UTF-8 files) or
 * keep reading here (small files, UTF-16, .gz) → 'ready' → follow (fs.watch + polling).
 * Never throws: every failure becomes status 'error' with an AppError and an 'error' event.
 */
import { stat } from 'node:fs/promises';
import { appError, isAppError, toAppError, type AppError } from '../../../shared/model/index';
import type { TimestampFormat } from '../../engines/sources/detect/index';
import {
  ChunkIndexer,
  LineIndex,
  MAX_HEAD_BYTES,
  TimestampTracker,
  sampleLines,
  sniffEncoding,
  sniffFormat,
  type FollowEvent,
  type TextEncodingName,
  type TrackerState,
} from '../../engines/sources/index';
import { indexRangeInWorkers } from '../workers/parallel-index';
import { gunzipChunks, openGzipSource, openPlainSource, type ByteSource } from './byte-source';
import { FileFollower, fileId } from './file-follower';
import type { DisplayLine, FileChangeKind, FileStatus, IndexedFile, OpenOptions } from './file-types';
import { binaryFileError, fsError } from './fs-errors';
import { nodeByteSearch, nodeDecoder } from './node-ports';
import { readDisplayLines } from './read-lines';
import { detectLevel } from '../../engines/sources/detect/index';
import { decodeForDisplay } from '../../engines/sources/index';

/** Indexed on the main thread before anything else: the first screen. */
const FIRST_BLOCK = 256 * 1024;
/** Below this remainder a worker's start-up (~50 ms, more under tsx) is not worth it. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export function openIndexedFile(path: string, options: OpenOptions): IndexedFile {
  const file = new IndexedFileImpl(path, options);
  void file.start();
  return file;
}

/**
 * A year-less format (syslog, logcat) takes the year of the file's mtime, or the year before
 * when the first line would then be later than the file's last write (a file written in
 * January that starts in December), as lnav does. A day of slack allows for zones: lines
 * without one are read as UTC.
 */
export function yearForYearless(
  format: TimestampFormat | null,
  sample: readonly string[],
  year: { year: number; from: 'mtime' | 'current-year' },
  mtimeMs: number,
): { year: number; from: 'mtime' | 'current-year' } {
  if (!format || format.hasYear || year.from !== 'mtime') return year;
  for (const line of sample) {
    const ts = format.parse(line, year.year);
    if (ts === ts) return ts > mtimeMs + 86_400_000 ? { year: year.year - 1, from: 'mtime' } : year;
  }
  return year;
}

/** AppErrors pass through; an Error (also one with an errno `code`) is mapped with its path. */
function asAppError(e: unknown, path: string): AppError {
  if (e instanceof Error) return (e as NodeJS.ErrnoException).code ? fsError(e, path) : toAppError(e);
  return isAppError(e) ? e : toAppError(e);
}

class IndexedFileImpl implements IndexedFile {
  private st: FileStatus = { state: 'indexing', bytesDone: 0, bytesTotal: 0 };
  private index = new LineIndex(Date.now());
  private readonly listeners = new Set<(c: { kind: FileChangeKind }) => void>();
  private source: ByteSource | null = null;
  private encoding: TextEncodingName = 'utf-8';
  private format: TimestampFormat | null = null;
  private year: { year: number; from: 'mtime' | 'current-year' } = { year: new Date().getUTCFullYear(), from: 'current-year' };
  private trackerState: TrackerState | undefined;
  private follower: FileFollower | null = null;
  /**
   * While followed, the last line without its newline: shown (a viewer must show a file's
   * last line) but not in the index, since more of it may come; Promtail would hold it too.
   */
  private tail: { offset: number; bytes: Uint8Array; ts: number } | null = null;
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly opts: OpenOptions,
  ) {
    if (opts.signal?.aborted) this.abort.abort();
    opts.signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
  }

  status(): FileStatus {
    return this.st;
  }
  lineCount(): number {
    return this.index.lineCount + (this.tail ? 1 : 0);
  }
  timeSpan(): { first: number; last: number } | null {
    const span = this.index.timeSpan();
    if (!this.tail) return span;
    const t = this.timestampOf(this.index.lineCount);
    return { first: span?.first ?? t, last: t };
  }
  timestampSource(): 'line' | 'mtime' {
    return this.index.timestampedLines > 0 ? 'line' : 'mtime';
  }
  assumedYear(): { year: number; from: 'mtime' | 'current-year' } | null {
    return this.format && !this.format.hasYear ? this.year : null;
  }
  formatName(): string | null {
    return this.format?.name ?? null;
  }
  linesInRange(start: number, end: number): { from: number; to: number } {
    const r = this.index.linesInRange(start, end);
    const n = this.index.lineCount;
    if (!this.tail || r.to !== n) return r;
    const t = this.timestampOf(n);
    return t >= start && t <= end ? { from: r.from === r.to ? n : r.from, to: n + 1 } : r;
  }
  timestampOf(lineNo: number): number {
    if (this.tail && lineNo === this.index.lineCount) {
      return this.tail.ts === this.tail.ts ? this.tail.ts : lineNo > 0 ? this.index.timestampOf(lineNo - 1) : this.index.fallbackTs;
    }
    return this.index.timestampOf(lineNo);
  }
  async read(from: number, to: number): Promise<DisplayLine[]> {
    if (!this.source) return [];
    const lines = await readDisplayLines(this.index, this.source, this.encoding, from, to);
    const n = this.index.lineCount;
    if (this.tail && from <= n && to > n) {
      const d = decodeForDisplay(this.tail.bytes, new Uint8Array(0), this.tail.bytes.length, this.encoding, nodeDecoder);
      lines.push({ lineNo: n, ts: this.timestampOf(n), level: detectLevel(d.text), ...d });
    }
    return lines;
  }
  stats(): { indexBytes: number; outOfOrderLines: number; timestampedLines: number } {
    const ix = this.index;
    return { indexBytes: ix.byteSize(), outOfOrderLines: ix.outOfOrderLines, timestampedLines: ix.timestampedLines };
  }
  onChange(listener: (change: { kind: FileChangeKind }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.follower?.close();
    await this.source?.close().catch(() => undefined);
  }

  async start(): Promise<void> {
    try {
      const s = await stat(this.path).catch((e) => Promise.reject(fsError(e, this.path)));
      if (s.isDirectory()) throw appError('unreadable', `${this.path}: is a folder, not a file`, { path: this.path });
      if (!s.isFile()) throw appError('unreadable', `${this.path}: not a regular file (FIFO, socket or device)`, { path: this.path });
      this.index.fallbackTs = s.mtimeMs;
      if (s.mtimeMs > 0) this.year = { year: new Date(s.mtimeMs).getUTCFullYear(), from: 'mtime' };
      this.st = { state: 'indexing', bytesDone: 0, bytesTotal: s.size };
      const gz = this.path.endsWith('.gz');
      this.source = gz ? openGzipSource(this.path) : await openPlainSource(this.path).catch((e) => Promise.reject(fsError(e, this.path)));
      const { end, firstBytes } = gz ? await this.indexGzip(s.size) : await this.indexPlain(s.size);
      this.index.endOffset = end;
      this.index.trim();
      if (this.closed) return;
      this.st = { state: 'ready', bytesTotal: s.size };
      this.emit('ready');
      if (this.opts.follow && !gz) await this.startFollow(fileId(s), end, firstBytes);
    } catch (e) {
      this.fail(this.abort.signal.aborted ? appError('cancelled', `${this.path}: indexing cancelled`, { path: this.path }) : asAppError(e, this.path));
    }
  }

  private fail(error: AppError): void {
    if (this.st.state === 'error') return;
    this.st = { state: 'error', error };
    this.emit('error');
  }

  private emit(kind: FileChangeKind): void {
    for (const l of [...this.listeners]) l({ kind });
  }

  private progress(bytesDone: number, bytesTotal: number): void {
    if (this.st.state !== 'indexing' || bytesDone <= this.st.bytesDone) return;
    this.st = { state: 'indexing', bytesDone, bytesTotal };
    this.emit('progress');
  }

  /** Sniffs encoding and format from the first block; throws the binary-file error. */
  private begin(first: Uint8Array, state?: TrackerState): ChunkIndexer {
    const sniff = sniffEncoding(first);
    if (sniff.kind === 'binary') throw binaryFileError(this.path);
    this.encoding = sniff.encoding;
    const sample = sampleLines(first, sniff.encoding, sniff.bomLength, nodeDecoder, nodeByteSearch);
    this.format = sniffFormat(sample);
    this.sample = sample;
    this.year = yearForYearless(this.format, sample, this.year, this.index.fallbackTs);
    const index = this.index;
    return new ChunkIndexer({
      search: nodeByteSearch,
      decoder: nodeDecoder,
      encoding: sniff.encoding,
      startOffset: 0,
      textStart: sniff.bomLength,
      format: this.format,
      year: this.year.year,
      ...(state ? { state } : {}),
      sink: (start, ts) => index.append(start, ts),
    });
  }
  private sample: string[] = [];

  private async indexPlain(size: number): Promise<{ end: number; firstBytes: Uint8Array }> {
    const source = this.source!;
    const first = await source.read(0, Math.min(FIRST_BLOCK, size));
    const indexer = this.begin(first);
    indexer.push(first);
    let pos = first.length;
    this.progress(pos, size); // the first screen is available now
    const includePartial = !this.opts.follow;
    const firstBytes = first.subarray(0, 64);
    if (this.encoding === 'utf-8' && size - pos >= WORKER_MIN_BYTES) {
      const from = indexer.splitter.completeEnd;
      const r = await indexRangeInWorkers({
        path: this.path,
        from,
        to: size,
        includePartial,
        sample: this.sample,
        year: this.year.year,
        yearless: !!this.format && !this.format.hasYear,
        state: indexer.tracker.state,
        workers: this.opts.workers ?? 2,
        signal: this.abort.signal,
        onBatch: (starts, ts, n) => this.index.appendBatch(starts, ts, n),
        onProgress: (b) => this.progress(from + b, size),
      });
      this.trackerState = r.state;
      return { end: r.end, firstBytes };
    }
    while (pos < size) {
      if (this.abort.signal.aborted) throw new Error('cancelled');
      const chunk = await source.read(pos, Math.min(READ_CHUNK, size - pos));
      if (chunk.length === 0) break;
      indexer.push(chunk);
      pos += chunk.length;
      this.progress(pos, size);
    }
    const end = indexer.finish(includePartial);
    this.trackerState = indexer.tracker.state;
    return { end, firstBytes };
  }

  /** One streaming pass over the decompressed bytes (a deflate stream cannot be split). */
  private async indexGzip(compressedSize: number): Promise<{ end: number; firstBytes: Uint8Array }> {
    let indexer: ChunkIndexer | null = null;
    let compressed = 0;
    let firstBytes: Uint8Array = new Uint8Array(0);
    try {
      for await (const chunk of gunzipChunks(this.path, (b) => (compressed = b))) {
        if (this.abort.signal.aborted) throw new Error('cancelled');
        if (!indexer) {
          indexer = this.begin(chunk);
          firstBytes = chunk.subarray(0, 64);
        }
        indexer.push(chunk);
        this.progress(compressed, compressedSize);
      }
    } catch (e) {
      throw this.abort.signal.aborted ? e : asAppError(e, this.path);
    }
    return { end: indexer ? indexer.finish(true) : 0, firstBytes };
  }

  private async startFollow(id: string, offset: number, firstBytes: Uint8Array): Promise<void> {
    const newTracker = (state?: TrackerState) =>
      new TimestampTracker(this.format, this.year.year, nodeDecoder, this.encoding, state);
    let tracker = newTracker(this.trackerState);
    const unit = this.encoding === 'utf-8' ? 1 : 2;
    const onEvents = (events: FollowEvent[]): void => {
      let appended = false;
      for (const e of events) {
        if (e.kind === 'reset') {
          this.index = new LineIndex(Date.now());
          this.tail = null;
          tracker = newTracker();
          if (e.reason === 'rotated') void this.reopenSource();
          this.emit('reset');
          continue;
        }
        const body = e.bytes.length - (e.bytes[e.bytes.length - unit] === 10 || e.bytes[e.bytes.length - 1] === 10 ? unit : 0);
        this.index.append(e.offset, tracker.parse(e.bytes, 0, Math.min(body, MAX_HEAD_BYTES)));
        this.index.endOffset = e.offset + e.bytes.length;
        appended = true;
      }
      if (appended) this.emit('appended');
    };
    this.follower = new FileFollower({
      path: this.path,
      encoding: this.encoding,
      start: { id, offset, firstBytes },
      ...(this.opts.pollMs !== undefined ? { pollMs: this.opts.pollMs } : {}),
      onEvents,
      onHeld: (held) => {
        if (!held && !this.tail) return;
        if (held && this.tail && held.offset === this.tail.offset && held.bytes.length === this.tail.bytes.length) return;
        this.tail = held ? { ...held, ts: tracker.peek(held.bytes, Math.min(held.bytes.length, MAX_HEAD_BYTES)) } : null;
        this.emit('appended');
      },
      onError: (e) => this.fail(fsError(e, this.path)),
    });
    if (this.closed) return;
    await this.follower.start();
  }

  private async reopenSource(): Promise<void> {
    const old = this.source;
    this.source = await openPlainSource(this.path).catch(() => old);
    if (old !== this.source) await old?.close().catch(() => undefined);
  }
}

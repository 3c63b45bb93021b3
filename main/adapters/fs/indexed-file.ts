/**
 * openIndexedFile: a log file indexed off the main thread and kept current while followed.
 *
 * Order of work, so the first screen shows at once: stat → read the first 256 KiB → decide
 * text/binary and encoding, sniff the timestamp format, index those lines right here and
 * publish them ('progress') → hand the rest to worker threads (big plain UTF-8 files) or
 * keep reading here (small files, UTF-16, .gz) → resolve the last timestamp → 'ready' →
 * follow (fs.watch + polling).
 * The eager pass records line starts and sparse timestamp samples only; per-line timestamps
 * are computed on demand (LazyTimes), hence the async findRange / timestampsOf. A .gz has
 * no random access: a lazy block far into it costs a re-inflate up to there (byte-source.ts).
 * Never throws: every failure becomes status 'error' with an AppError and an 'error' event.
 */
import { appError, isAppError, toAppError, type AppError } from '../../../shared/model/index';
import type { TimestampFormat } from '../../engines/sources/detect/index';
import {
  ChunkIndexer,
  LazyTimes,
  LineIndex,
  MAX_HEAD_BYTES,
  SparseSampler,
  TimestampTracker,
  sampleLines,
  sniffEncoding,
  sniffFormat,
  type FollowEvent,
  type TextEncodingName,
  type TrackerState,
} from '../../engines/sources/index';
import { indexRangeInWorkers } from '../workers/parallel-index';
import type { ByteSource } from './byte-source';
import { localFileAccess, type FileAccess, type Follower } from './file-access';
import type { DisplayLine, FileChangeKind, FileStatus, IndexedFile, IndexStats, OpenOptions, ScanInfo } from './file-types';
import type { WorkerPerf } from '../workers/index-protocol';
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

/** `access`: where the bytes come from (local files by default; an SSH host, see file-access.ts). */
export function openIndexedFile(path: string, options: OpenOptions, access: FileAccess = localFileAccess): IndexedFile {
  const file = new IndexedFileImpl(path, options, access);
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
  private times = this.newTimes();
  private readonly listeners = new Set<(c: { kind: FileChangeKind }) => void>();
  private source: ByteSource | null = null;
  private encoding: TextEncodingName = 'utf-8';
  private format: TimestampFormat | null = null;
  private year: { year: number; from: 'mtime' | 'current-year' } = { year: new Date().getUTCFullYear(), from: 'current-year' };
  private trackerState: TrackerState | undefined;
  private follower: Follower | null = null;
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
    private readonly access: FileAccess,
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
    const t = this.tailTs();
    return { first: span?.first ?? t, last: t };
  }
  timestampSource(): 'line' | 'mtime' {
    return this.index.sampleCount > 0 ? 'line' : 'mtime';
  }
  assumedYear(): { year: number; from: 'mtime' | 'current-year' } | null {
    return this.format && !this.format.hasYear ? this.year : null;
  }
  formatName(): string | null {
    return this.format?.name ?? null;
  }
  async findRange(start: number, end: number): Promise<{ from: number; to: number }> {
    const { index, times, tail } = this;
    const r = await times.findRange(start, end);
    const n = index.lineCount;
    if (!tail || tail !== this.tail || r.to !== n) return r;
    const t = this.tailTs();
    return t >= start && t <= end ? { from: r.from === r.to ? n : r.from, to: n + 1 } : r;
  }
  async timestampsOf(from: number, to: number): Promise<Float64Array> {
    const { index, times, tail } = this;
    const n = index.lineCount;
    const lo = Math.max(0, from);
    const own = await times.timestamps(lo, to);
    if (!tail || to <= n || lo > n) return own;
    const out = new Float64Array(own.length + 1);
    out.set(own);
    out[own.length] = this.tailTs();
    return out;
  }
  scanInfo(from: number, to: number): ScanInfo | null {
    const ix = this.index;
    if (!this.source || !this.access.local || this.encoding !== 'utf-8' || this.path.endsWith('.gz')) return null;
    const lo = Math.max(0, from);
    const hi = Math.min(to, ix.lineCount);
    const start = lo < hi ? ix.startOf(lo) : 0;
    const end = lo < hi ? ix.endOf(hi - 1) : 0;
    return { start, end, indexedLines: ix.lineCount, sample: this.sample, year: this.year.year, yearless: !!this.format && !this.format.hasYear };
  }
  async read(from: number, to: number): Promise<DisplayLine[]> {
    const { index, times, tail, source } = this;
    if (!source) return [];
    const lo = Math.max(0, from);
    const ts = await times.timestamps(lo, to);
    const lines = await readDisplayLines(index, source, this.encoding, lo, to, ts);
    const n = index.lineCount;
    if (tail && tail === this.tail && lo <= n && to > n) {
      const d = decodeForDisplay(tail.bytes, new Uint8Array(0), tail.bytes.length, this.encoding, nodeDecoder);
      lines.push({ lineNo: n, ts: this.tailTs(), level: detectLevel(d.text), ...d });
    }
    return lines;
  }
  stats(): IndexStats {
    const ix = this.index;
    return { indexBytes: ix.byteSize() + this.times.byteSize(), outOfOrderSamples: ix.outOfOrderSamples, samples: ix.sampleCount, workers: this.workerPerf };
  }
  /** The provisional tail line's timestamp: its own, else the last line's (inherited). */
  private tailTs(): number {
    const t = this.tail?.ts ?? NaN;
    return t === t ? t : (this.index.timeSpan()?.last ?? this.index.fallbackTs);
  }
  private newTimes(): LazyTimes {
    return new LazyTimes({
      index: this.index,
      // The source is read at call time: a rename rotation reopens it.
      read: (pos, len) => (this.source ? this.source.read(pos, len) : Promise.resolve(new Uint8Array(0))),
      tracker: (state) => new TimestampTracker(this.format, this.year.year, nodeDecoder, this.encoding, state),
      encoding: this.encoding,
    });
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
      const s = await this.access.stat(this.path).catch((e) => Promise.reject(this.access.error(e, this.path)));
      if (s.kind === 'folder') throw appError('unreadable', `${this.path}: is a folder, not a file`, { path: this.path });
      if (s.kind !== 'file') throw appError('unreadable', `${this.path}: not a regular file (FIFO, socket or device)`, { path: this.path });
      this.index.fallbackTs = s.mtimeMs;
      if (s.mtimeMs > 0) this.year = { year: new Date(s.mtimeMs).getUTCFullYear(), from: 'mtime' };
      this.st = { state: 'indexing', bytesDone: 0, bytesTotal: s.size };
      const gz = this.path.endsWith('.gz');
      const source = gz ? this.access.openGzip(this.path) : await this.access.openPlain(this.path).catch((e) => Promise.reject(this.access.error(e, this.path)));
      // Closed while the file was opening: close() saw no source yet, so close it here.
      if (this.closed) return void (await source.close().catch(() => undefined));
      this.source = source;
      const { end, firstBytes } = gz ? await this.indexGzip(s.size) : await this.indexPlain(s.size);
      this.index.endOffset = end;
      this.index.trim();
      await this.times.resolveLast(); // timeSpan().last exact from 'ready' on
      if (this.closed) return;
      this.st = { state: 'ready', bytesTotal: s.size };
      this.emit('ready');
      if (this.opts.follow && !gz) await this.startFollow(s.id, end, firstBytes);
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
    this.times = this.newTimes(); // with the encoding and format now known
    return new ChunkIndexer({
      search: nodeByteSearch,
      decoder: nodeDecoder,
      encoding: sniff.encoding,
      startOffset: 0,
      textStart: sniff.bomLength,
      format: this.format,
      year: this.year.year,
      ...(state ? { state } : {}),
      firstLine: 0,
      onLine: (start) => index.push(start),
      onSample: (line, ts, yo) => index.addSample(line, ts, yo),
    });
  }
  private sample: string[] = [];
  private workerPerf: WorkerPerf[] = [];

  private async indexPlain(size: number): Promise<{ end: number; firstBytes: Uint8Array }> {
    const source = this.source!;
    const first = await source.read(0, Math.min(FIRST_BLOCK, size));
    const indexer = this.begin(first);
    indexer.push(first);
    let pos = first.length;
    this.progress(pos, size); // the first screen is available now
    const includePartial = !this.opts.follow;
    const firstBytes = first.subarray(0, 64);
    if (this.access.local && this.encoding === 'utf-8' && size - pos >= WORKER_MIN_BYTES) {
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
        firstLine: this.index.lineCount,
        onBatch: (b) => {
          this.index.pushStarts(b.lo, b.n, b.hi);
          for (let i = 0; i < b.samples.length; i += 3) this.index.addSample(b.samples[i]!, b.samples[i + 1]!, b.samples[i + 2]!);
        },
        onProgress: (b) => this.progress(from + b, size),
      });
      this.trackerState = r.state;
      this.workerPerf = r.perf;
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
      for await (const chunk of this.access.gunzipChunks(this.path, (b) => (compressed = b))) {
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
    // Followed lines are few: each is parsed (the last timestamp stays current), and sampled
    // like the eager pass's so that lazy blocks find their inheritance the same way.
    const newSampler = (state?: TrackerState): SparseSampler => {
      const index = this.index;
      const tracker = new TimestampTracker(this.format, this.year.year, nodeDecoder, this.encoding, state);
      return new SparseSampler(tracker, (line, ts, yo) => index.addSample(line, ts, yo), index.lineCount);
    };
    let sampler = newSampler(this.trackerState);
    let line0 = this.index.lineCount;
    const unit = this.encoding === 'utf-8' ? 1 : 2;
    const onEvents = (events: FollowEvent[]): void => {
      let appended = false;
      for (const e of events) {
        if (e.kind === 'reset') {
          this.index = new LineIndex(Date.now());
          this.times = this.newTimes();
          this.tail = null;
          sampler = newSampler();
          line0 = 0;
          if (e.reason === 'rotated') void this.reopenSource();
          this.emit('reset');
          continue;
        }
        const ix = this.index;
        const body = e.bytes.length - (e.bytes[e.bytes.length - unit] === 10 || e.bytes[e.bytes.length - 1] === 10 ? unit : 0);
        const hadFirst = ix.firstTs === ix.firstTs;
        const k = ix.lineCount - line0;
        ix.push(e.offset);
        const ts = sampler.offer(k, e.bytes, 0, Math.min(body, MAX_HEAD_BYTES));
        if (ts === ts) ix.lastTs = ts;
        ix.endOffset = e.offset + e.bytes.length;
        // The last cached block grew; a first timestamp changes every line before it.
        if (!hadFirst && ix.firstTs === ix.firstTs) this.times.clear();
        else this.times.invalidateFrom(ix.lineCount - 1);
        appended = true;
      }
      if (appended) this.emit('appended');
    };
    this.follower = this.access.follow({
      path: this.path,
      encoding: this.encoding,
      start: { id, offset, firstBytes },
      ...(this.opts.pollMs !== undefined ? { pollMs: this.opts.pollMs } : {}),
      onEvents,
      onHeld: (held) => {
        if (!held && !this.tail) return;
        if (held && this.tail && held.offset === this.tail.offset && held.bytes.length === this.tail.bytes.length) return;
        this.tail = held ? { ...held, ts: Math.floor(sampler.tracker.peek(held.bytes, Math.min(held.bytes.length, MAX_HEAD_BYTES))) } : null;
        this.emit('appended');
      },
      onError: (e) => this.fail(this.access.error(e, this.path)),
    });
    if (this.closed) return;
    await this.follower.start();
  }

  private async reopenSource(): Promise<void> {
    const old = this.source;
    const fresh = await this.access.openPlain(this.path).catch(() => old);
    if (this.closed) {
      if (fresh !== old) await fresh?.close().catch(() => undefined);
      return;
    }
    this.source = fresh;
    if (old !== fresh) await old?.close().catch(() => undefined);
  }
}

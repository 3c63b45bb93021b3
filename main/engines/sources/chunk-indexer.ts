/**
 * Bytes in, line starts and sparse timestamp samples out: the line splitter and the sparse
 * sampler put together. Runs on the main thread (the first screen, small files, UTF-16,
 * .gz, follow); big plain files go to the workers (index-worker.ts), which find line starts
 * with SIMD and sample the same way.
 */
import type { TimestampFormat } from './detect/index';
import { sniffTimestampFormat } from './detect/index';
import { LineSplitter } from './line-splitter';
import type { ByteSearch, TextDecodePort, TextEncodingName } from './ports';
import { SparseSampler, type SampleSink } from './sparse-sampler';
import { MAX_HEAD_BYTES, TimestampTracker, type TrackerState } from './timestamp-tracker';

export interface ChunkIndexerOptions {
  search: ByteSearch;
  decoder: TextDecodePort;
  encoding: TextEncodingName;
  /** Absolute offset of the first byte pushed (a line start, or 0). */
  startOffset: number;
  /** Where text starts (after the BOM; 0 when none). */
  textStart: number;
  format: TimestampFormat | null;
  /** Year for year-less formats (file mtime year, else the current year). */
  year: number;
  state?: TrackerState;
  /** Global line number of the first line pushed. */
  firstLine: number;
  /** Receives each complete line's start. */
  onLine(start: number): void;
  onSample: SampleSink;
}

export class ChunkIndexer {
  readonly splitter: LineSplitter;
  readonly tracker: TimestampTracker;
  readonly sampler: SparseSampler;
  lines = 0;
  private readonly cb: (start: number, bytes: Uint8Array, hs: number, he: number) => void;

  constructor(opts: ChunkIndexerOptions) {
    this.splitter = new LineSplitter({
      search: opts.search,
      encoding: opts.encoding,
      startOffset: opts.startOffset,
      textStart: opts.textStart,
      headBytes: MAX_HEAD_BYTES,
    });
    this.tracker = new TimestampTracker(opts.format, opts.year, opts.decoder, opts.encoding, opts.state);
    const sampler = (this.sampler = new SparseSampler(this.tracker, opts.onSample, opts.firstLine));
    const onLine = opts.onLine;
    this.cb = (start, bytes, hs, he) => {
      const k = this.lines++;
      onLine(start);
      if (k >= sampler.next) sampler.offer(k, bytes, hs, he);
    };
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk, this.cb);
  }

  /** Ends input; returns the offset just past the last line reported. */
  finish(includePartial: boolean): number {
    this.splitter.finish(this.cb, includePartial);
    return this.splitter.completeEnd;
  }
}

/** Decoded first lines of a block, for sniffing the timestamp format (the last, cut line is dropped). */
export function sampleLines(
  block: Uint8Array,
  encoding: TextEncodingName,
  textStart: number,
  decoder: TextDecodePort,
  search: ByteSearch,
  max = 200,
): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter({ search, encoding, startOffset: 0, textStart, headBytes: MAX_HEAD_BYTES });
  splitter.push(block, (_s, bytes, hs, he) => {
    if (out.length < max) out.push(decoder.decode(bytes.subarray(hs, he), encoding));
  });
  return out;
}

export function sniffFormat(sample: readonly string[]): TimestampFormat | null {
  return sniffTimestampFormat(sample);
}

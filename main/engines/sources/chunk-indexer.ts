/**
 * Bytes in, (line start, timestamp) pairs out: the line splitter and the timestamp tracker
 * put together. The same code runs on the main thread (the first screen, small files,
 * follow) and in the workers (the bulk of big files).
 */
import type { TimestampFormat } from './detect/index';
import { sniffTimestampFormat } from './detect/index';
import { LineSplitter } from './line-splitter';
import type { ByteSearch, TextDecodePort, TextEncodingName } from './ports';
import { MAX_HEAD_BYTES, TimestampTracker, type TrackerState } from './timestamp-tracker';

/** Receives each complete line: its start offset and its own timestamp (NaN if none). */
export type IndexSink = (start: number, ts: number) => void;

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
  sink: IndexSink;
}

export class ChunkIndexer {
  readonly splitter: LineSplitter;
  readonly tracker: TimestampTracker;
  lines = 0;
  private readonly onLine: (start: number, bytes: Uint8Array, hs: number, he: number) => void;

  constructor(opts: ChunkIndexerOptions) {
    this.splitter = new LineSplitter({
      search: opts.search,
      encoding: opts.encoding,
      startOffset: opts.startOffset,
      textStart: opts.textStart,
      headBytes: MAX_HEAD_BYTES,
    });
    this.tracker = new TimestampTracker(opts.format, opts.year, opts.decoder, opts.encoding, opts.state);
    const tracker = this.tracker;
    const sink = opts.sink;
    this.onLine = (start, bytes, hs, he) => {
      this.lines++;
      sink(start, tracker.parse(bytes, hs, he));
    };
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk, this.onLine);
  }

  /** Ends input; returns the offset just past the last line reported. */
  finish(includePartial: boolean): number {
    this.splitter.finish(this.onLine, includePartial);
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

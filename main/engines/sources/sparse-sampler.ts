/**
 * The eager pass parses few lines: in every block of SAMPLE_BLOCK consecutive lines (counted
 * from where this pass started) it parses lines from the block's first until one has a
 * timestamp, records that one as the block's sample, and skips the rest of the block.
 * Per-line timestamps are computed later, on demand (LazyTimes).
 *
 * What the samples guarantee, whatever the pass boundaries (first screen, worker halves,
 * follow): every line with a timestamp lies less than SAMPLE_BLOCK lines after the last
 * sample at or before it. So "the last timestamped line before line X" is found by parsing
 * at most SAMPLE_BLOCK lines from the last sample before X — what inheritance across lazily
 * loaded blocks needs (a stack trace continuing a block whose entry began in the one above).
 *
 * Year-less formats: the tracker sees the samples in order, so a Dec→Jan rollover is detected
 * between samples (a sample > ROLLOVER_GAP_MS earlier than the previous one → year + 1), and
 * the year offset is recorded with each sample for the lazy parse to start from.
 */
import type { TimestampTracker } from './timestamp-tracker';

/** Lines per sampled block: 256 lines ≈ 25 KB of typical log, one positioned read to load. */
export const SAMPLE_BLOCK = 256;

/** A sample: global line number, its timestamp (whole ms), and the year offset in force. */
export type SampleSink = (line: number, ts: number, yearOffset: number) => void;

export class SparseSampler {
  /** Local index (from the pass start) of the next line that must be parsed. */
  next = 0;
  /** The last timestamp parsed (all of them when the caller offers every line). */
  lastTs = NaN;

  constructor(
    readonly tracker: TimestampTracker,
    private readonly sink: SampleSink,
    /** Global line number of local line 0. */
    private readonly line0: number,
  ) {}

  /**
   * Parses local line k (head bytes[hs, he)). Callers offer at least every line k ≥ next; they
   * may offer all lines (following: few lines, and the last timestamp must stay current).
   */
  offer(k: number, bytes: Uint8Array, hs: number, he: number): number {
    let ts = this.tracker.parse(bytes, hs, he);
    if (ts !== ts) {
      if (k >= this.next) this.next = k + 1;
      return ts;
    }
    ts = Math.floor(ts); // whole ms: cached deltas stay integers
    this.lastTs = ts;
    if (k >= this.next) {
      this.sink(this.line0 + k, ts, this.tracker.state.yearOffset);
      this.next = (Math.floor(k / SAMPLE_BLOCK) + 1) * SAMPLE_BLOCK;
    }
    return ts;
  }
}

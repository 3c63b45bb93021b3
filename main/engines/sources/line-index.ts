/**
 * The per-file line index: 8 bytes per line, nothing else that grows with the line count.
 *
 * - Line start offsets: the low 32 bits in a Uint32Array per page; offsets only grow, so the
 *   high word changes rarely and is kept as a short list of (first line, high word) runs.
 * - Timestamps: an Int32 per line, milliseconds since the base of its "era"; a new era
 *   (first line, Float64 base) starts when a delta would not fit (≈ 24.8 days past the base).
 *   -1 marks lines before the file's first timestamp.
 *
 * Timestamps in the index are the running maximum of the lines' own timestamps, as lnav
 * does for "time skew": a line earlier than a line above it is placed at the time of the
 * line above. This keeps the index sorted, so time → line is an exact binary search, and a
 * time range maps to one contiguous line range. The cost, documented: an out-of-order line
 * is found under the time of its predecessor, not its own (`outOfOrderLines` counts them).
 * A line without a timestamp (stack trace) inherits the line above; lines before the first
 * timestamp take the first timestamp; a file without any takes `fallbackTs` (its mtime).
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;
const MAX_DELTA = 0x7fffffff;
const NONE = -1;
const TWO32 = 0x1_0000_0000;

export class LineIndex {
  private offLo: Uint32Array[] = [];
  private tsDelta: Int32Array[] = [];
  private count = 0;
  private hiLines: number[] = [0];
  private hiWords: number[] = [0];
  private eraLines: number[] = [];
  private eraBases: number[] = [];
  private firstTs = NaN;
  private maxTs = NaN;
  private lastStart = -1;
  /** Lines whose own timestamp was earlier than the running maximum. */
  outOfOrderLines = 0;
  /** Lines that carried a timestamp of their own. */
  timestampedLines = 0;
  /** Absolute offset just past the last indexed line (its newline included). */
  endOffset = 0;

  constructor(public fallbackTs: number) {}

  get lineCount(): number {
    return this.count;
  }

  /** Appends a line starting at `start` (> previous start) with its own timestamp or NaN. */
  append(start: number, ts: number): void {
    const i = this.count;
    const page = i >>> PAGE_BITS;
    if (page === this.offLo.length) {
      this.offLo.push(new Uint32Array(PAGE));
      this.tsDelta.push(new Int32Array(PAGE));
    } else if (this.offLo[page]!.length < PAGE) this.regrowLastPage();
    const hi = Math.floor(start / TWO32);
    if (hi !== this.hiWords[this.hiWords.length - 1]) {
      this.hiLines.push(i);
      this.hiWords.push(hi);
    }
    this.offLo[page]![i & MASK] = start - hi * TWO32;
    this.lastStart = start;
    let delta = NONE;
    if (ts === ts) {
      ts = Math.floor(ts); // whole ms: deltas stay integers
      this.timestampedLines++;
      if (this.maxTs !== this.maxTs) this.firstTs = this.maxTs = ts;
      else if (ts < this.maxTs) this.outOfOrderLines++;
      else this.maxTs = ts;
    }
    if (this.maxTs === this.maxTs) {
      const e = this.eraBases.length - 1;
      delta = e < 0 ? MAX_DELTA + 1 : this.maxTs - this.eraBases[e]!;
      if (delta > MAX_DELTA) {
        this.eraLines.push(i);
        this.eraBases.push(this.maxTs);
        delta = 0;
      }
    }
    this.tsDelta[page]![i & MASK] = delta;
    this.count = i + 1;
  }

  /** Appends lines given as parallel arrays (a batch from a worker). */
  appendBatch(starts: Float64Array, ts: Float64Array, n = starts.length): void {
    for (let k = 0; k < n; k++) this.append(starts[k]!, ts[k]!);
  }

  startOf(line: number): number {
    const lo = this.offLo[line >>> PAGE_BITS]![line & MASK]!;
    return this.hiWords[lastLE(this.hiLines, line)]! * TWO32 + lo;
  }

  /** Offset just past the line's newline (the next line's start, or endOffset). */
  endOf(line: number): number {
    return line + 1 < this.count ? this.startOf(line + 1) : Math.max(this.endOffset, this.lastStart);
  }

  /** Index timestamp of a line (see the header: running max, inherited, first, fallback). */
  timestampOf(line: number): number {
    if (line < 0 || line >= this.count) return NaN;
    const d = this.tsDelta[line >>> PAGE_BITS]![line & MASK]!;
    if (d === NONE) return this.firstTs === this.firstTs ? this.firstTs : this.fallbackTs;
    return this.eraBases[lastLE(this.eraLines, line)]! + d;
  }

  timeSpan(): { first: number; last: number } | null {
    if (this.count === 0) return null;
    return { first: this.timestampOf(0), last: this.timestampOf(this.count - 1) };
  }

  /** Lines [from, to) whose index timestamps lie in [start, end] (binary search). */
  linesInRange(start: number, end: number): { from: number; to: number } {
    const from = this.lowerBound((t) => t >= start);
    const to = Math.max(from, this.lowerBound((t) => t > end));
    return { from, to };
  }

  /** True when no line had a timestamp: every line sits at fallbackTs. */
  get usesFallback(): boolean {
    return this.count > 0 && this.firstTs !== this.firstTs;
  }

  /** Bytes held by the index, all arrays counted. */
  byteSize(): number {
    let n = 0;
    for (let p = 0; p < this.offLo.length; p++) n += this.offLo[p]!.byteLength + this.tsDelta[p]!.byteLength;
    return n + 8 * (this.hiLines.length * 2 + this.eraLines.length * 2);
  }

  /** Gives back the unused tail of the last page (call when indexing is done). */
  trim(): void {
    const p = this.offLo.length - 1;
    const used = this.count - p * PAGE;
    if (p < 0 || used >= this.offLo[p]!.length) return;
    this.offLo[p] = this.offLo[p]!.slice(0, used);
    this.tsDelta[p] = this.tsDelta[p]!.slice(0, used);
  }

  private regrowLastPage(): void {
    const p = this.offLo.length - 1;
    const lo = new Uint32Array(PAGE);
    lo.set(this.offLo[p]!);
    const ts = new Int32Array(PAGE);
    ts.set(this.tsDelta[p]!);
    this.offLo[p] = lo;
    this.tsDelta[p] = ts;
  }

  /** First line whose index timestamp satisfies pred (pred monotone false→true), or count. */
  private lowerBound(pred: (t: number) => boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.timestampOf(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Index of the last element ≤ x in a sorted array whose first element is ≤ x. */
function lastLE(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  if (arr[hi]! <= x) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (arr[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

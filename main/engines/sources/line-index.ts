/**
 * The per-file line index: 8 bytes per line, plus a few numbers per 64K-line page.
 *
 * - Line start offsets: the low 32 bits in a Uint32Array per page; offsets only grow, so the
 *   high word changes rarely and is kept as a short list of (first line, high word) runs.
 * - Timestamps: an Int32 per line, milliseconds from the base of its "era"; a new era
 *   (first line, Float64 base) starts when a delta would not fit (≈ ±24.8 days).
 *   INT32_MIN marks lines before the file's first timestamp.
 * - Per page, the running maximum of the timestamps up to its end (one Float64 per 65536 lines).
 *
 * Each line keeps its own timestamp. A line without one (stack trace) inherits the line
 * above; lines before the first timestamp take the first timestamp; a file with none takes
 * `fallbackTs` (its mtime).
 *
 * Time → lines: logs are mostly but not always sorted. A time range must map to one
 * contiguous line range, so the search runs on the running maximum of the timestamps
 * (monotone): `from` is the first line where the log has reached `start`, `to` the first
 * line where it has passed `end`. For a sorted file that is exactly the lines in
 * [start, end]. An out-of-order line (earlier than a line above it) is included when it sits
 * inside that span, and not found under its own time elsewhere — lnav makes the same choice
 * ("time skew"). The search is a binary search over the pages' maxima, then a scan of one
 * page (≤ 65536 lines). `outOfOrderLines` counts the lines concerned.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;
const MAX_DELTA = 0x7fffffff;
const NONE = -0x80000000;
const TWO32 = 0x1_0000_0000;

export class LineIndex {
  private offLo: Uint32Array[] = [];
  private tsDelta: Int32Array[] = [];
  private count = 0;
  private hiLines: number[] = [0];
  private hiWords: number[] = [0];
  private eraLines: number[] = [];
  private eraBases: number[] = [];
  private pageMax: number[] = []; // running max of timestamps through the end of each page (NaN: none yet)
  private firstTs = NaN;
  private maxTs = NaN;
  private lastTs = NaN; // own-or-inherited timestamp of the last line
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
      this.pageMax.push(this.maxTs);
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
      this.lastTs = ts;
      this.pageMax[page] = this.maxTs;
    }
    if (this.lastTs === this.lastTs) {
      const e = this.eraBases.length - 1;
      delta = e < 0 ? Infinity : this.lastTs - this.eraBases[e]!;
      if (delta > MAX_DELTA || delta < -MAX_DELTA) {
        this.eraLines.push(i);
        this.eraBases.push(this.lastTs);
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

  /** A line's timestamp: its own, inherited, the first one, or the fallback (see the header). */
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

  /** Lines [from, to) from where the log reaches `start` to where it passes `end` (see the header). */
  linesInRange(start: number, end: number): { from: number; to: number } {
    const from = this.firstReaching((t) => t >= start);
    const to = Math.max(from, this.firstReaching((t) => t > end));
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
    return n + 8 * (this.hiLines.length * 2 + this.eraLines.length * 2 + this.pageMax.length);
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

  /** Running max through the end of page p, with lines before the first timestamp at their value. */
  private maxThroughPage(p: number): number {
    const m = this.pageMax[p]!;
    return m === m ? m : this.firstTs === this.firstTs ? this.firstTs : this.fallbackTs;
  }

  /** First line at which the running max of timestamps satisfies pred (monotone false→true), or count. */
  private firstReaching(pred: (t: number) => boolean): number {
    let lo = 0;
    let hi = this.pageMax.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.maxThroughPage(mid))) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.pageMax.length) return this.count;
    let running = lo > 0 ? this.maxThroughPage(lo - 1) : -Infinity;
    const end = Math.min(this.count, (lo + 1) * PAGE);
    for (let i = lo * PAGE; i < end; i++) {
      const t = this.timestampOf(i);
      if (t > running) running = t;
      if (pred(running)) return i;
    }
    return end;
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

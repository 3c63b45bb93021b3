/**
 * The per-file line index, two-level as a viewer's should be: what the eager pass fills is
 * 4 bytes a line plus a sparse timestamp sample; per-line timestamps are computed on demand
 * (LazyTimes, lazy-times.ts) into a bounded cache, so the total stays under 8 bytes a line.
 *
 * - Line start offsets: the low 32 bits in a Uint32Array per 64K-line page; offsets only
 *   grow, so the high word changes rarely and is kept as a short list of (first line, high
 *   word) runs.
 * - Samples (see sparse-sampler.ts): per block of lines, the line number of its first
 *   timestamped line (Uint32) and the running maximum of the sampled timestamps through it
 *   (Float64): 12 bytes per ~256 lines. Plus the (rare) lines where a year-less format's
 *   year turned over, and the first and last timestamps of the file.
 *
 * Time → lines (LazyTimes.findRange) searches the running maximum of the samples (monotone),
 * then refines between two samples with per-line timestamps. A file with no timestamp at
 * all puts every line at `fallbackTs` (its mtime).
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;
const TWO32 = 0x1_0000_0000;

export class LineIndex {
  private offLo: Uint32Array[] = [];
  private count = 0;
  private hiLines: number[] = [0];
  private hiWords: number[] = [0];
  private lastStart = -1;
  private sLine = new Uint32Array(64);
  private sMax = new Float64Array(64);
  private sCount = 0;
  private yearLines: number[] = [0];
  private yearOffsets: number[] = [0];
  /** Timestamp of the file's first timestamped line (its first sample); NaN when none yet. */
  firstTs = NaN;
  /** Timestamp of the last timestamped line, once resolved (LazyTimes.resolveLast, follow). */
  lastTs = NaN;
  /** Own timestamp of the last sample (a provisional `last` while indexing). */
  lastSampleTs = NaN;
  /** Samples earlier than the running maximum of the samples before them. */
  outOfOrderSamples = 0;
  /** Absolute offset just past the last indexed line (its newline included). */
  endOffset = 0;

  constructor(public fallbackTs: number) {}

  get lineCount(): number {
    return this.count;
  }

  /** Appends one line start (> the previous one). */
  push(start: number): void {
    const hi = Math.floor(start / TWO32);
    this.setHi(this.count, hi);
    this.room(1);
    const i = this.count;
    this.offLo[i >>> PAGE_BITS]![i & MASK] = start - hi * TWO32;
    this.count = i + 1;
    this.lastStart = start;
  }

  /**
   * Appends n line starts given as low words, with `hi` the flat list of (index in lo, high
   * word) from which each high word applies (hi[0] = 0). One typed-array copy per page.
   */
  pushStarts(lo: Uint32Array, n: number, hi: readonly number[]): void {
    if (n === 0) return;
    this.room(n);
    for (let r = 0; r < hi.length; r += 2) {
      const a = hi[r]!;
      const b = r + 2 < hi.length ? hi[r + 2]! : n;
      this.setHi(this.count, hi[r + 1]!);
      let k = a;
      while (k < b) {
        const i = this.count;
        const page = this.offLo[i >>> PAGE_BITS]!;
        const take = Math.min(b - k, PAGE - (i & MASK));
        page.set(lo.subarray(k, k + take), i & MASK);
        this.count += take;
        k += take;
      }
    }
    this.lastStart = this.startOf(this.count - 1);
  }

  /** Records a sample: line (≥ the previous sample's), its own timestamp, the year offset in force. */
  addSample(line: number, ts: number, yearOffset: number): void {
    if (this.sCount === this.sLine.length) {
      // trim() leaves the arrays exactly full, empty for an empty file: grow from at least 16.
      this.sLine = grow(this.sLine, new Uint32Array(Math.max(16, this.sCount * 2)));
      this.sMax = grow(this.sMax, new Float64Array(Math.max(16, this.sCount * 2)));
    }
    const prev = this.sCount > 0 ? this.sMax[this.sCount - 1]! : -Infinity;
    if (ts < prev) this.outOfOrderSamples++;
    if (this.sCount === 0) this.firstTs = ts;
    this.sLine[this.sCount] = line;
    this.sMax[this.sCount++] = Math.max(prev, ts);
    this.lastSampleTs = ts;
    if (yearOffset !== this.yearOffsets[this.yearOffsets.length - 1]) {
      this.yearLines.push(line);
      this.yearOffsets.push(yearOffset);
    }
  }

  get sampleCount(): number {
    return this.sCount;
  }
  sampleLine(k: number): number {
    return this.sLine[k]!;
  }
  /** Running maximum of the sampled timestamps through sample k. */
  sampleMax(k: number): number {
    return this.sMax[k]!;
  }

  /** The last sample whose line is < line, or -1. */
  lastSampleBefore(line: number): number {
    let lo = 0;
    let hi = this.sCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sLine[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The first sample k where pred(sampleMax(k)) holds (pred monotone false → true), or sampleCount. */
  firstSampleReaching(pred: (t: number) => boolean): number {
    let lo = 0;
    let hi = this.sCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.sMax[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Year offset (of year-less formats) recorded at or before line. */
  yearOffsetAt(line: number): number {
    return this.yearOffsets[lastLE(this.yearLines, line)]!;
  }

  startOf(line: number): number {
    const lo = this.offLo[line >>> PAGE_BITS]![line & MASK]!;
    return this.hiWords[lastLE(this.hiLines, line)]! * TWO32 + lo;
  }

  /** Offset just past the line's newline (the next line's start, or endOffset). */
  endOf(line: number): number {
    return line + 1 < this.count ? this.startOf(line + 1) : Math.max(this.endOffset, this.lastStart);
  }

  /** The value of lines before the first timestamp: the first timestamp, else fallbackTs. */
  get leadingTs(): number {
    return this.firstTs === this.firstTs ? this.firstTs : this.fallbackTs;
  }

  timeSpan(): { first: number; last: number } | null {
    if (this.count === 0) return null;
    const last = this.lastTs === this.lastTs ? this.lastTs : this.lastSampleTs;
    return { first: this.leadingTs, last: last === last ? last : this.leadingTs };
  }

  /** True when no line had a timestamp: every line sits at fallbackTs. */
  get usesFallback(): boolean {
    return this.count > 0 && this.firstTs !== this.firstTs;
  }

  /** Bytes held by the index, all arrays counted (the lazy cache is LazyTimes'). */
  byteSize(): number {
    let n = 0;
    for (const p of this.offLo) n += p.byteLength;
    n += this.sLine.byteLength + this.sMax.byteLength;
    return n + 8 * (this.hiLines.length * 2 + this.yearLines.length * 2);
  }

  /** Gives back the unused tails of the last page and the sample arrays (when indexing is done). */
  trim(): void {
    const p = this.offLo.length - 1;
    const used = this.count - p * PAGE;
    if (p >= 0 && used < this.offLo[p]!.length) this.offLo[p] = this.offLo[p]!.slice(0, used);
    this.sLine = this.sLine.slice(0, this.sCount);
    this.sMax = this.sMax.slice(0, this.sCount);
  }

  private setHi(line: number, hi: number): void {
    if (hi === this.hiWords[this.hiWords.length - 1]) return;
    if (this.hiLines[this.hiLines.length - 1] === line) this.hiWords[this.hiWords.length - 1] = hi;
    else {
      this.hiLines.push(line);
      this.hiWords.push(hi);
    }
  }

  /** Makes sure pages exist for n more lines (a trimmed last page regrows to full size). */
  private room(n: number): void {
    const last = (this.count + n - 1) >>> PAGE_BITS;
    const p = this.offLo.length - 1;
    if (p >= 0 && this.offLo[p]!.length < PAGE && this.count + n > p * PAGE + this.offLo[p]!.length) {
      this.offLo[p] = grow(this.offLo[p]!, new Uint32Array(PAGE));
    }
    while (this.offLo.length <= last) this.offLo.push(new Uint32Array(PAGE));
  }
}

function grow<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
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

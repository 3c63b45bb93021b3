/**
 * Per-line timestamps, computed on demand from the bytes, block by block (SAMPLE_BLOCK lines:
 * one positioned read, one parse per line head), into a bounded LRU cache of Int32 deltas.
 *
 * A line's timestamp is its own; a line without one (a stack trace) inherits the last
 * timestamped line above it, also when that line sits in an earlier block: the previous
 * block's last value when it is cached, else the last sample before the block and at most
 * SAMPLE_BLOCK lines after it are parsed (see sparse-sampler.ts for why that suffices).
 * Lines before the file's first timestamp take the first timestamp; a file with none takes
 * `fallbackTs`.
 *
 * Year-less formats: a block is parsed from the year offset recorded at the last sample
 * before it, with the inherited timestamp as the tracker's last one, so a Dec→Jan rollover
 * inside a block is caught by the same rule as between samples. The rare case left: a
 * rollover no sample reveals (the year turns over and the file goes on for > ROLLOVER_GAP_MS
 * before the next sample — only possible when a whole block spans months) stays undetected,
 * exactly as it would for a tracker reading every line after such a gap.
 *
 * Time → lines (findRange): the running maximum of the samples finds the two samples the
 * boundary lies between; the lines between them are loaded and scanned with the running
 * maximum of their own timestamps. For a sorted file that is exactly the lines in
 * [start, end]; an out-of-order line (earlier than one above it) is included when it sits
 * inside that span and not found under its own time elsewhere, as lnav does ("time skew").
 */
import type { LineIndex } from './line-index';
import type { TextEncodingName } from './ports';
import { SAMPLE_BLOCK } from './sparse-sampler';
import { MAX_HEAD_BYTES, type TimestampTracker, type TrackerState } from './timestamp-tracker';

const B = SAMPLE_BLOCK;
const READ_MAX = 1024 * 1024;
const INT32_MAX = 0x7fffffff;

export interface LazyTimesDeps {
  index: LineIndex;
  /** Bytes [pos, pos + len) of the file (fewer at its end). */
  read(pos: number, len: number): Promise<Uint8Array>;
  /** A tracker for the file's format and base year, starting from the given state. */
  tracker(state: TrackerState): TimestampTracker;
  encoding: TextEncodingName;
  /** Cache budget in bytes (default: 3.5 B per indexed line, at least 64 KiB, at most 32 MiB). */
  cacheBytes?: number;
}

/** Values of one block: base + delta (Int32), or plain Float64 when they span > ±24.8 days. */
interface Block {
  base: number;
  d: Int32Array | Float64Array;
}

export class LazyTimes {
  private readonly cache = new Map<number, Block>(); // Map order = LRU order
  private readonly pending = new Map<number, Promise<Block>>();
  private cachedBytes = 0;

  constructor(private readonly deps: LazyTimesDeps) {}

  /** Bytes held by the cache. */
  byteSize(): number {
    return this.cachedBytes;
  }

  /** Forgets cached blocks from `line`'s block on (appended lines change the last block). */
  invalidateFrom(line: number): void {
    for (const b of [...this.cache.keys()]) if ((b + 1) * B > line) this.drop(b);
  }

  clear(): void {
    for (const b of [...this.cache.keys()]) this.drop(b);
  }

  /** Timestamps of lines [from, to), loading the blocks they need. */
  async timestamps(from: number, to: number): Promise<Float64Array> {
    const lo = Math.max(0, from);
    const hi = Math.min(this.deps.index.lineCount, to);
    const out = new Float64Array(Math.max(0, hi - lo));
    for (let b = Math.floor(lo / B); b * B < hi; b++) {
      const blk = await this.block(b);
      const a = Math.max(lo, b * B);
      const e = Math.min(hi, b * B + blk.d.length);
      for (let i = a; i < e; i++) out[i - lo] = blk.base + blk.d[i - b * B]!;
    }
    return out;
  }

  /** Lines [from, to) from where the log reaches `start` to where it passes `end`. */
  async findRange(start: number, end: number): Promise<{ from: number; to: number }> {
    const from = await this.firstReaching((t) => t >= start);
    const to = Math.max(from, await this.firstReaching((t) => t > end));
    return { from, to };
  }

  /** Resolves the last line's timestamp into index.lastTs (after an eager pass). */
  async resolveLast(): Promise<void> {
    const ix = this.deps.index;
    if (ix.lineCount === 0 || ix.sampleCount === 0) return;
    const [t] = await this.timestamps(ix.lineCount - 1, ix.lineCount);
    ix.lastTs = t!;
  }

  private async firstReaching(pred: (t: number) => boolean): Promise<number> {
    const ix = this.deps.index;
    const n = ix.lineCount;
    if (n === 0) return 0;
    if (ix.sampleCount === 0) return pred(ix.fallbackTs) ? 0 : n;
    const k = ix.firstSampleReaching(pred);
    if (k === 0) return 0; // lines before the first sample sit at its timestamp
    // The boundary is after sample k-1 and at most at sample k (its own timestamp passes).
    let running = ix.sampleMax(k - 1);
    let line = ix.sampleLine(k - 1) + 1;
    const stop = k < ix.sampleCount ? ix.sampleLine(k) : n;
    while (line < stop) {
      const upTo = Math.min(stop, (Math.floor(line / B) + 1) * B);
      const ts = await this.timestamps(line, upTo);
      for (let i = 0; i < ts.length; i++) {
        if (ts[i]! > running) running = ts[i]!;
        if (pred(running)) return line + i;
      }
      line = upTo;
    }
    return stop;
  }

  private block(b: number): Promise<Block> {
    const want = Math.min(this.deps.index.lineCount - b * B, B);
    const hit = this.cache.get(b);
    if (hit && hit.d.length >= want) {
      this.cache.delete(b);
      this.cache.set(b, hit);
      return Promise.resolve(hit);
    }
    let p = this.pending.get(b);
    if (!p) {
      p = this.load(b).finally(() => this.pending.delete(b));
      this.pending.set(b, p);
    }
    return p;
  }

  private async load(b: number): Promise<Block> {
    const ix = this.deps.index;
    const l0 = b * B;
    const l1 = Math.min(ix.lineCount, l0 + B);
    let prev = NaN; // the inherited timestamp (NaN: before the file's first)
    let state: TrackerState = { yearOffset: ix.yearOffsetAt(l0), lastTs: NaN };
    const above = b > 0 ? this.cache.get(b - 1) : undefined;
    if (above && above.d.length === B) {
      prev = above.base + above.d[B - 1]!;
      state.lastTs = prev;
    } else {
      const k = ix.lastSampleBefore(l0);
      if (k >= 0) {
        const s = ix.sampleLine(k);
        const tracker = this.deps.tracker({ yearOffset: ix.yearOffsetAt(s), lastTs: NaN });
        const own = await this.parseLines(s, Math.min(l0, s + B), tracker);
        for (let i = own.length - 1; i >= 0 && prev !== prev; i--) prev = own[i]!;
        state = { yearOffset: Math.max(tracker.state.yearOffset, state.yearOffset), lastTs: prev };
      }
    }
    const own = await this.parseLines(l0, l1, this.deps.tracker(state));
    const leading = ix.leadingTs;
    const vals = new Float64Array(own.length);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < own.length; i++) {
      const t = own[i]!;
      if (t === t) prev = Math.floor(t);
      const v = prev === prev ? prev : leading;
      vals[i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const blk = pack(vals, lo, hi);
    // Another load may have finished meanwhile (reset, append): keep the longer one.
    const had = this.cache.get(b);
    if (had) this.drop(b);
    this.cache.set(b, blk);
    this.cachedBytes += blk.d.byteLength;
    this.evict();
    return blk;
  }

  /** Own timestamps (NaN: none) of lines [a, b), parsed from their heads in grouped reads. */
  private async parseLines(a: number, b: number, tracker: TimestampTracker): Promise<Float64Array> {
    const ix = this.deps.index;
    const unit = this.deps.encoding === 'utf-8' ? 1 : 2;
    const out = new Float64Array(Math.max(0, b - a));
    let buf: Uint8Array = new Uint8Array(0);
    let bufPos = 0;
    for (let i = a; i < b; i++) {
      const s = ix.startOf(i);
      const e = ix.endOf(i);
      const need = Math.min(e, s + MAX_HEAD_BYTES + unit);
      if (s < bufPos || need > bufPos + buf.length) {
        const len = Math.max(need - s, Math.min(READ_MAX, ix.endOf(b - 1) - s));
        buf = await this.deps.read(s, len);
        bufPos = s;
      }
      let he = Math.min(e, s + MAX_HEAD_BYTES, bufPos + buf.length) - bufPos;
      if (e - s <= MAX_HEAD_BYTES + unit && e <= bufPos + buf.length && endsWithNewline(buf, e - bufPos, unit, this.deps.encoding)) {
        he = e - unit - bufPos;
      }
      out[i - a] = tracker.parse(buf, s - bufPos, Math.max(s - bufPos, he));
    }
    return out;
  }

  private evict(): void {
    const budget = this.deps.cacheBytes ?? Math.min(32 << 20, Math.max(64 << 10, 3.5 * this.deps.index.lineCount));
    while (this.cachedBytes > budget && this.cache.size > 2) this.drop(this.cache.keys().next().value!);
  }

  private drop(b: number): void {
    const blk = this.cache.get(b);
    if (!blk) return;
    this.cachedBytes -= blk.d.byteLength;
    this.cache.delete(b);
  }
}

function pack(vals: Float64Array, lo: number, hi: number): Block {
  if (vals.length === 0 || hi - lo > INT32_MAX) return { base: 0, d: vals };
  const d = new Int32Array(vals.length);
  for (let i = 0; i < vals.length; i++) d[i] = vals[i]! - lo;
  return { base: lo, d };
}

function endsWithNewline(buf: Uint8Array, end: number, unit: 1 | 2, encoding: TextEncodingName): boolean {
  if (unit === 1) return end > 0 && buf[end - 1] === 10;
  if (end < 2) return false;
  return encoding === 'utf-16le' ? buf[end - 2] === 10 && buf[end - 1] === 0 : buf[end - 2] === 0 && buf[end - 1] === 10;
}

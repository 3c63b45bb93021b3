import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';
import { SAMPLE_BLOCK } from './sparse-sampler';
import { allTimes, indexBytes } from './test-index';

const T = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const enc = new TextEncoder();
const iso = (t: number, msg = 'msg'): string => `${new Date(t).toISOString()} ${msg}`;

/** A file of lines, NaN meaning a continuation line (a stack trace) with no timestamp. */
function file(ts: number[]): Uint8Array {
  return enc.encode(ts.map((t, i) => (t === t ? iso(t, `line ${i}`) : `\tat com.example.Frame${i}(X.java:${i})`)).join('\n') + '\n');
}

/** What every line's timestamp must be: own, else inherited, else the first, else the fallback. */
function expected(ts: number[], fallback: number): number[] {
  const first = ts.find((t) => t === t) ?? fallback;
  let prev = first;
  return ts.map((t) => (t === t ? (prev = t) : prev));
}

describe('LineIndex with lazily computed timestamps', () => {
  it.each([
    { name: 'a line without a timestamp inherits the line above', ts: [T, NaN, T + 5] },
    { name: 'lines before the first timestamp take the first timestamp', ts: [NaN, NaN, T + 7] },
    { name: 'a file with no timestamps falls back to the given mtime', ts: [NaN, NaN] },
    { name: 'an out-of-order line keeps its own timestamp, and its continuation inherits it', ts: [T + 10, T + 3, NaN, T + 11] },
    { name: 'timestamps months apart stay exact', ts: [T, T + 40 * DAY + 1, T + 400 * DAY + 2] },
  ])('$name', async ({ ts }) => {
    const ix = indexBytes(file(ts), { fallbackTs: 42 });
    const want = expected(ts, 42);
    expect(await allTimes(ix)).toEqual(want);
    await ix.times.resolveLast();
    expect(ix.index.timeSpan()).toEqual({ first: want[0], last: want[want.length - 1] });
  });

  it('keeps offsets beyond 4 GiB exact, pushed one by one or in batches with high words', () => {
    const starts = [0, 100, 2 ** 32 - 1, 2 ** 32 + 5, 3 * 2 ** 32 + 7, 1e12];
    const one = new LineIndex(0);
    for (const s of starts) one.push(s);
    expect(starts.map((_, i) => one.startOf(i))).toEqual(starts);
    const batch = new LineIndex(0);
    const lo = Uint32Array.from(starts, (s) => s % 2 ** 32);
    batch.pushStarts(lo, 3, [0, 0]);
    batch.pushStarts(lo.subarray(3), 3, [0, 1, 1, 3, 2, Math.floor(1e12 / 2 ** 32)]);
    expect(starts.map((_, i) => batch.startOf(i))).toEqual(starts);
  });

  it.each([
    { name: 'a range inside the file', start: T + 2, end: T + 4, want: { from: 2, to: 5 } },
    { name: 'a range before the file', start: 0, end: T - 1, want: { from: 0, to: 0 } },
    { name: 'a range after the file', start: T + 100, end: T + 200, want: { from: 7, to: 7 } },
    { name: 'a single instant matching several lines', start: T + 3, end: T + 3, want: { from: 3, to: 5 } },
    { name: 'the whole file', start: -Infinity, end: Infinity, want: { from: 0, to: 7 } },
  ])('findRange: $name', async ({ start, end, want }) => {
    const ix = indexBytes(file([T, T + 1, T + 2, T + 3, NaN, T + 5, T + 6]));
    expect(await ix.times.findRange(start, end)).toEqual(want);
  });

  it.each([
    // own timestamps: T+0, T+10, T+3 (late), T+11, T+2 (late), T+20
    { name: 'a late line inside the span is included', start: T + 5, end: T + 11, want: { from: 1, to: 5 } },
    { name: 'a late line is not found under its own time once the log moved past it', start: T + 2, end: T + 3, want: { from: 1, to: 1 } },
    { name: 'everything from where the log reached start', start: T + 11, end: T + 30, want: { from: 3, to: 6 } },
  ])('findRange with out-of-order lines: $name', async ({ start, end, want }) => {
    const ix = indexBytes(file([T, T + 10, T + 3, T + 11, T + 2, T + 20]));
    expect(await ix.times.findRange(start, end)).toEqual(want);
  });

  it('searches by time exactly across many blocks and pages, reading only boundary blocks', async () => {
    const ts = Array.from({ length: 300_000 }, (_, i) => T + Math.floor(i / 3) * 1000 + (i % 1000 === 7 ? -5000 : 0));
    const ix = indexBytes(file(ts), { cutLines: [70_001, 150_000] });
    for (const k of [0, 1, 65_535, 65_536, 150_001, 299_999]) {
      const reads = ix.reads;
      const { from } = await ix.times.findRange(T + Math.floor(k / 3) * 1000, Infinity);
      expect(from).toBe(k - (k % 3));
      expect(ix.reads - reads).toBeLessThanOrEqual(4);
    }
  });

  it('holds at most 8 bytes per line, the timestamp cache included, with every timestamp computed', async () => {
    const n = 200_001;
    const ts = Array.from({ length: n }, (_, i) => T + i * 10);
    const ix = indexBytes(file(ts));
    ix.index.trim();
    expect(await allTimes(ix)).toEqual(ts);
    expect((ix.index.byteSize() + ix.times.byteSize()) / n).toBeLessThanOrEqual(8);
    expect(ix.index.startOf(n - 1)).toBe(enc.encode(ts.slice(0, n - 1).map((t, i) => iso(t, `line ${i}`) + '\n').join('')).length);
    ix.index.push(ix.index.endOffset); // appending after trim still works
    expect(ix.index.lineCount).toBe(n + 1);
  });
});

describe('inheritance across lazily loaded blocks', () => {
  // A stack trace of 700 lines starting late in block 0 runs through blocks 1 and 2; another
  // one ends exactly at a block boundary; passes are cut where a worker split would.
  const B = SAMPLE_BLOCK;
  const ts: number[] = [];
  for (let i = 0; i < 5 * B; i++) {
    const inTrace = (i > B - 10 && i < B - 10 + 700) || (i >= 4 * B - 20 && i < 4 * B);
    ts.push(inTrace ? NaN : T + i * 1000);
  }
  it.each([
    { name: 'one pass, blocks loaded last first', cutLines: [] as number[], order: [4, 3, 2, 1, 0] },
    { name: 'passes cut inside the trace, blocks loaded last first', cutLines: [B + 3, 3 * B - 100], order: [4, 3, 2, 1, 0] },
    { name: 'passes cut inside the trace, blocks loaded first to last', cutLines: [B + 3, 3 * B - 100], order: [0, 1, 2, 3, 4] },
  ])('$name', async ({ cutLines, order }) => {
    const ix = indexBytes(file(ts), { cutLines });
    const want = expected(ts, -1);
    for (const b of order) expect([...(await ix.times.timestamps(b * B, (b + 1) * B))]).toEqual(want.slice(b * B, (b + 1) * B));
  });

  it('recomputes evicted blocks the same when the cache is small', async () => {
    const ix = indexBytes(file(ts), { cutLines: [B + 3], cacheBytes: 2 * B * 4 });
    const want = expected(ts, -1);
    for (const b of [4, 0, 2, 1, 3, 2]) expect([...(await ix.times.timestamps(b * B, (b + 1) * B))]).toEqual(want.slice(b * B, (b + 1) * B));
    expect(ix.times.byteSize()).toBeLessThanOrEqual(2 * B * 4);
  });
});

describe('year-less formats across blocks', () => {
  // Syslog from Dec 31 to Jan 1: the rollover falls inside a block, between two samples.
  const B = SAMPLE_BLOCK;
  const start = Date.UTC(2023, 11, 31, 23, 0, 0);
  const stamps = Array.from({ length: 4 * B }, (_, i) => start + i * 9_000); // 2.5 h: crosses midnight at line 400
  const syslog = (t: number): string => {
    const d = new Date(t);
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
    return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} host app[1]: tick`;
  };
  const lines = stamps.map((t, i) => (i % 50 === 7 ? '  continued' : syslog(t)));
  const want = stamps.map((t, i) => (i % 50 === 7 ? stamps[i - 1]! : t));
  it.each([
    { name: 'blocks loaded in order', order: [0, 1, 2, 3] },
    { name: 'blocks loaded last first', order: [3, 2, 1, 0] },
    { name: 'the block with the rollover loaded first', order: [1, 3, 0, 2] },
  ])('rolls over Dec → Jan: $name', async ({ order }) => {
    const ix = indexBytes(enc.encode(lines.join('\n') + '\n'), { year: 2023, cutLines: [300] });
    for (const b of order) expect([...(await ix.times.timestamps(b * B, (b + 1) * B))]).toEqual(want.slice(b * B, (b + 1) * B));
    expect(await ix.times.findRange(Date.UTC(2024, 0, 1), Infinity)).toEqual({ from: 400, to: 4 * B });
  });
});

describe('an index trimmed while empty (a followed file that was empty when opened)', () => {
  it('keeps the samples of lines appended afterwards, so a time search finds them', () => {
    const ix = new LineIndex(42);
    ix.trim();
    ix.push(0);
    ix.addSample(0, T, 0);
    ix.push(10);
    ix.addSample(1, T + 1000, 0);
    expect(ix.sampleCount).toBe(2);
    expect(ix.firstSampleReaching((t) => t >= T)).toBe(0);
    expect(ix.firstSampleReaching((t) => t > T)).toBe(1);
    expect(ix.sampleMax(1)).toBe(T + 1000);
  });
});

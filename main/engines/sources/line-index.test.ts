import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';

const T = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function build(rows: [number, number][], fallback = 42): LineIndex {
  const ix = new LineIndex(fallback);
  for (const [start, ts] of rows) ix.append(start, ts);
  return ix;
}

describe('LineIndex', () => {
  it.each([
    {
      name: 'a line without a timestamp inherits the line above',
      rows: [[0, T], [10, NaN], [20, T + 5]] as [number, number][],
      want: [T, T, T + 5],
    },
    {
      name: 'lines before the first timestamp take the first timestamp',
      rows: [[0, NaN], [10, NaN], [20, T + 7]] as [number, number][],
      want: [T + 7, T + 7, T + 7],
    },
    {
      name: 'a file with no timestamps falls back to the given mtime',
      rows: [[0, NaN], [10, NaN]] as [number, number][],
      want: [42, 42],
    },
    {
      name: 'an out-of-order line keeps its own timestamp, and its continuation inherits it',
      rows: [[0, T + 10], [10, T + 3], [15, NaN], [20, T + 11]] as [number, number][],
      want: [T + 10, T + 3, T + 3, T + 11],
    },
    {
      name: 'timestamps months apart open new eras and stay exact',
      rows: [[0, T], [10, T + 40 * DAY + 1], [20, T + 400 * DAY + 2]] as [number, number][],
      want: [T, T + 40 * DAY + 1, T + 400 * DAY + 2],
    },
  ])('$name', ({ rows, want }) => {
    const ix = build(rows);
    expect(want.map((_, i) => ix.timestampOf(i))).toEqual(want);
    expect(ix.timeSpan()).toEqual({ first: want[0], last: want[want.length - 1] });
  });

  it('keeps offsets beyond 4 GiB exact', () => {
    const starts = [0, 100, 2 ** 32 - 1, 2 ** 32 + 5, 3 * 2 ** 32 + 7, 1e12];
    const ix = build(starts.map((s) => [s, T]));
    expect(starts.map((_, i) => ix.startOf(i))).toEqual(starts);
  });

  it.each([
    { name: 'a range inside the file', start: T + 2, end: T + 4, want: { from: 2, to: 5 } },
    { name: 'a range before the file', start: 0, end: T - 1, want: { from: 0, to: 0 } },
    { name: 'a range after the file', start: T + 100, end: T + 200, want: { from: 7, to: 7 } },
    { name: 'a single instant matching several lines', start: T + 3, end: T + 3, want: { from: 3, to: 5 } },
    { name: 'the whole file', start: -Infinity, end: Infinity, want: { from: 0, to: 7 } },
  ])('linesInRange: $name', ({ start, end, want }) => {
    const ts = [T, T + 1, T + 2, T + 3, NaN, T + 5, T + 6];
    const ix = build(ts.map((t, i) => [i * 10, t]));
    expect(ix.linesInRange(start, end)).toEqual(want);
  });

  it.each([
    // own timestamps: T+0, T+10, T+3 (late), T+11, T+2 (late), T+20
    { name: 'a late line inside the span is included', start: T + 5, end: T + 11, want: { from: 1, to: 5 } },
    { name: 'a late line is not found under its own time once the log moved past it', start: T + 2, end: T + 3, want: { from: 1, to: 1 } },
    { name: 'everything from where the log reached start', start: T + 11, end: T + 30, want: { from: 3, to: 6 } },
  ])('linesInRange with out-of-order lines: $name', ({ start, end, want }) => {
    const ix = build([T, T + 10, T + 3, T + 11, T + 2, T + 20].map((t, i) => [i * 10, t]));
    expect(ix.linesInRange(start, end)).toEqual(want);
    expect(ix.outOfOrderLines).toBe(2);
  });

  it('searches by time exactly across many pages', () => {
    const ix = new LineIndex(0);
    for (let i = 0; i < 300_000; i++) ix.append(i * 10, T + Math.floor(i / 3) * 1000 + (i % 1000 === 7 ? -5000 : 0));
    for (const k of [0, 1, 65_535, 65_536, 150_001, 299_999]) {
      const t = T + Math.floor(k / 3) * 1000;
      const { from } = ix.linesInRange(t, Infinity);
      expect(from).toBe(k - (k % 3) + (k % 3 === 0 && k % 1000 === 7 ? 0 : 0));
    }
  });

  it('holds at most 8 bytes per line once trimmed', () => {
    const ix = new LineIndex(0);
    const n = 200_001;
    for (let i = 0; i < n; i++) ix.append(i * 100, T + i * 10);
    ix.trim();
    expect(ix.byteSize() / n).toBeLessThanOrEqual(8.001);
    expect(ix.startOf(n - 1)).toBe((n - 1) * 100);
    expect(ix.timestampOf(n - 1)).toBe(T + (n - 1) * 10);
    ix.append(n * 100, T); // appending after trim still works
    expect(ix.lineCount).toBe(n + 1);
  });
});

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
      name: 'an out-of-order line is placed at the running maximum',
      rows: [[0, T + 10], [10, T + 3], [20, T + 11]] as [number, number][],
      want: [T + 10, T + 10, T + 11],
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

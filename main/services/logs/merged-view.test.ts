import { describe, expect, it } from 'vitest';
import { mergeStreams, type MergeInput } from './merged-view';

const stream = (ts: number[], from = 0, to = ts.length): MergeInput => ({ from, to, times: async (a, b) => ts.slice(a, b) });
const all = (v: Awaited<ReturnType<typeof mergeStreams>>) => Array.from({ length: v.total }, (_, p) => v.at(p));

describe('the merged view of several streams', () => {
  it('maps one stream straight to its lines, oldest first when forward', async () => {
    const v = await mergeStreams([stream([1, 2, 3, 4], 1, 3)], 'forward');
    expect(all(v)).toEqual([{ stream: 0, line: 1 }, { stream: 0, line: 2 }]);
  });

  it('maps one stream newest first when backward', async () => {
    const v = await mergeStreams([stream([1, 2, 3])], 'backward');
    expect(all(v).map((r) => r.line)).toEqual([2, 1, 0]);
  });

  it('interleaves two streams by timestamp', async () => {
    const v = await mergeStreams([stream([1, 4, 6]), stream([2, 3, 7])], 'forward');
    expect(all(v)).toEqual([
      { stream: 0, line: 0 }, { stream: 1, line: 0 }, { stream: 1, line: 1 },
      { stream: 0, line: 1 }, { stream: 0, line: 2 }, { stream: 1, line: 2 },
    ]);
  });

  it('keeps stream order then line order for equal timestamps, reversed exactly when backward', async () => {
    const inputs = [stream([5, 5]), stream([5])];
    expect(all(await mergeStreams(inputs, 'forward'))).toEqual([{ stream: 0, line: 0 }, { stream: 0, line: 1 }, { stream: 1, line: 0 }]);
    expect(all(await mergeStreams(inputs, 'backward'))).toEqual([{ stream: 1, line: 0 }, { stream: 0, line: 1 }, { stream: 0, line: 0 }]);
  });

  it('ignores empty streams and keeps the indices of the others', async () => {
    const v = await mergeStreams([stream([]), stream([1, 2]), stream([9], 1, 1)], 'forward');
    expect(all(v)).toEqual([{ stream: 1, line: 0 }, { stream: 1, line: 1 }]);
  });

  it('gives an empty view when nothing is in range', async () => {
    expect((await mergeStreams([stream([1], 0, 0)], 'backward')).total).toBe(0);
    expect((await mergeStreams([], 'forward')).total).toBe(0);
  });

  it('merges streams longer than one window of lazily loaded timestamps, asking for each window once', async () => {
    const asked: [number, number][] = [];
    const mk = (ts: number[]): MergeInput => ({ from: 0, to: ts.length, times: async (a, b) => (asked.push([a, b]), ts.slice(a, b)) });
    const even = Array.from({ length: 10_000 }, (_, i) => 2 * i);
    const odd = Array.from({ length: 9_000 }, (_, i) => 2 * i + 1);
    const v = await mergeStreams([mk(even), mk(odd)], 'forward');
    const got = all(v);
    expect(got.length).toBe(19_000);
    expect(got.slice(0, 3)).toEqual([{ stream: 0, line: 0 }, { stream: 1, line: 0 }, { stream: 0, line: 1 }]);
    expect(got.slice(-2)).toEqual([{ stream: 0, line: 9_998 }, { stream: 0, line: 9_999 }]);
    expect(asked.length).toBe(3 + 3); // windows of 4096 lines: 3 per stream
  });
});

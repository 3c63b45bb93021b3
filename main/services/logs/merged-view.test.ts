import { describe, expect, it } from 'vitest';
import { mergeStreams, type MergeInput } from './merged-view';

const stream = (ts: number[], from = 0, to = ts.length): MergeInput => ({ from, to, tsOf: (i) => ts[i]! });
const all = (v: ReturnType<typeof mergeStreams>) => Array.from({ length: v.total }, (_, p) => v.at(p));

describe('the merged view of several streams', () => {
  it('maps one stream straight to its lines, oldest first when forward', () => {
    const v = mergeStreams([stream([1, 2, 3, 4], 1, 3)], 'forward');
    expect(all(v)).toEqual([{ stream: 0, line: 1 }, { stream: 0, line: 2 }]);
  });

  it('maps one stream newest first when backward', () => {
    const v = mergeStreams([stream([1, 2, 3])], 'backward');
    expect(all(v).map((r) => r.line)).toEqual([2, 1, 0]);
  });

  it('interleaves two streams by timestamp', () => {
    const v = mergeStreams([stream([1, 4, 6]), stream([2, 3, 7])], 'forward');
    expect(all(v)).toEqual([
      { stream: 0, line: 0 }, { stream: 1, line: 0 }, { stream: 1, line: 1 },
      { stream: 0, line: 1 }, { stream: 0, line: 2 }, { stream: 1, line: 2 },
    ]);
  });

  it('keeps stream order then line order for equal timestamps, reversed exactly when backward', () => {
    const inputs = [stream([5, 5]), stream([5])];
    expect(all(mergeStreams(inputs, 'forward'))).toEqual([{ stream: 0, line: 0 }, { stream: 0, line: 1 }, { stream: 1, line: 0 }]);
    expect(all(mergeStreams(inputs, 'backward'))).toEqual([{ stream: 1, line: 0 }, { stream: 0, line: 1 }, { stream: 0, line: 0 }]);
  });

  it('ignores empty streams and keeps the indices of the others', () => {
    const v = mergeStreams([stream([]), stream([1, 2]), stream([9], 1, 1)], 'forward');
    expect(all(v)).toEqual([{ stream: 1, line: 0 }, { stream: 1, line: 1 }]);
  });

  it('gives an empty view when nothing is in range', () => {
    expect(mergeStreams([stream([1], 0, 0)], 'backward').total).toBe(0);
    expect(mergeStreams([], 'forward').total).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/contract';
import { blocksFor, rowsFromBlocks } from './blocks';

describe('blocksFor', () => {
  it.each([
    [0, 50, 200, [0]],
    [150, 250, 200, [0, 1]],
    [200, 400, 200, [1]],
    [399, 401, 200, [1, 2]],
    [10, 10, 200, [0]],
    [-40, 60, 200, [0]],
    [9_999_960, 10_000_040, 200, [49_999, 50_000]],
  ])('blocksFor(%s, %s, %s)', (start, end, size, want) => expect(blocksFor(start, end, size)).toEqual(want));
});

const line = (n: number): LogLine => ({ streamId: 's', lineNo: n, ts: n, level: 'info', text: `line ${n}`, truncated: false, byteLength: 6 });

describe('rowsFromBlocks', () => {
  const blocks = new Map([
    [0, { offset: 0, lines: Array.from({ length: 10 }, (_, i) => line(i)) }],
    [2, { offset: 20, lines: Array.from({ length: 5 }, (_, i) => line(20 + i)) }],
  ]);
  it('takes rows from the blocks that arrived and leaves holes for the rest', () => {
    const rows = rowsFromBlocks(8, 6, 25, blocks, 10);
    expect(rows.map((r) => r.index)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(rows.map((r) => r.line?.lineNo)).toEqual([8, 9, undefined, undefined, undefined, undefined]);
  });
  it('stops at the total', () => {
    const rows = rowsFromBlocks(22, 10, 25, blocks, 10);
    expect(rows.map((r) => r.line?.lineNo)).toEqual([22, 23, 24]);
  });
  it('is empty for an empty view', () => expect(rowsFromBlocks(0, 10, 0, blocks, 10)).toEqual([]));
});

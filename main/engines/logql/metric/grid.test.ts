import { describe, expect, it } from 'vitest';
import { stepGrid, windowsOf } from './grid';

const S = 1_000_000_000n;

describe('step grid', () => {
  it.each([
    ['aligns start down and end up to the step', [800n, 960n, 30n], { startNs: 780n * S, count: 7 }],
    ['keeps an aligned range', [780n, 960n, 60n], { startNs: 780n * S, count: 4 }],
    ['does not align when start equals end', [801n, 801n, 60n], { startNs: 801n * S, count: 1 }],
  ] as const)('%s', (_name, [start, end, step], want) => {
    expect(stepGrid({ kind: 'range', startNs: start * S, endNs: end * S, stepNs: step * S, timeNs: 0n })).toMatchObject(want);
  });

  it('finds the windows (t - range, t] holding a sample', () => {
    const g = stepGrid({ kind: 'range', startNs: 0n, endNs: 10n * S, stepNs: S, timeNs: 0n });
    expect(windowsOf(g, 3n * S, 2n * S, 0n)).toEqual([3, 4]);
    expect(windowsOf(g, 3n * S + 1n, 2n * S, 0n)).toEqual([4, 5]);
    expect(windowsOf(g, 3n * S, 2n * S, S)).toEqual([4, 5]);
    expect(windowsOf(g, 3n * S, 0n, 0n)).toEqual([3, 2]);
  });
});

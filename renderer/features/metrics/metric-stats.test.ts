import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../charts/matrix-option';
import { answerStepMs, nearestTime, seriesStats } from './metric-stats';

const m = (...series: [number, string][][]): MatrixResult => ({ resultType: 'matrix', result: series.map((values, i) => ({ metric: { i: String(i) }, values })) });

describe('seriesStats', () => {
  it.each<[string, [number, string][], { last: number; min: number; max: number; mean: number; peakT: number | null }]>([
    ['last / min / max / mean, peak at the first maximum', [[60, '1'], [120, '5'], [180, '3'], [240, '5']], { last: 5, min: 1, max: 5, mean: 3.5, peakT: 120_000 }],
    ['NaN samples are skipped but can be last', [[60, '2'], [120, 'NaN']], { last: NaN, min: 2, max: 2, mean: 2, peakT: 60_000 }],
    ['negative values', [[60, '-3'], [120, '-1']], { last: -1, min: -3, max: -1, mean: -2, peakT: 120_000 }],
    ['+Inf is the peak', [[60, '1'], [120, '+Inf']], { last: Infinity, min: 1, max: Infinity, mean: Infinity, peakT: 120_000 }],
    ['no sample', [], { last: NaN, min: NaN, max: NaN, mean: NaN, peakT: null }],
  ])('%s', (_, values, expected) => expect(seriesStats(m(values))[0]).toMatchObject(expected));
});

describe('nearestTime / answerStepMs', () => {
  const r = m([[60, '1'], [180, '1']], [[120, '1']]);
  it.each([
    [0, 60_000],
    [100_000, 120_000],
    [170_000, 180_000],
    [1e9, 180_000],
  ])('a click at %s snaps to %s', (t, snapped) => expect(nearestTime(r, t)).toBe(snapped));
  it('no samples: null', () => expect(nearestTime(m(), 5)).toBeNull());
  it('the answer step wins; else the smallest gap', () => {
    expect(answerStepMs(30, r)).toBe(30_000);
    expect(answerStepMs(null, r)).toBe(120_000);
    expect(answerStepMs(null, m([[60, '1']]))).toBeNull();
  });
});

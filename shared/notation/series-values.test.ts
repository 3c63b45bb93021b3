import { describe, expect, it } from 'vitest';
import { parsePromDuration } from './duration';
import { expandSeriesValues, type SequenceValue } from './series-values';

const f = (...values: number[]): SequenceValue[] => values.map((value) => ({ kind: 'float', value }));
const omitted: SequenceValue = { kind: 'omitted' };
const stale: SequenceValue = { kind: 'stale' };

describe('expanding notation', () => {
  it.each<[string, string, SequenceValue[]]>([
    ['a+bxN counts N steps after the first value', '1+2x3', f(1, 3, 5, 7)],
    ['a negative step counts down', '0-1x2', f(0, -1, -2)],
    ['axN repeats the value N more times', '1x3', f(1, 1, 1, 1)],
    ['_ is one missing sample', '1 _ 2', [...f(1), omitted, ...f(2)]],
    ['_xN is exactly N missing samples', '_x2 5', [omitted, omitted, ...f(5)]],
    ['stale is a staleness marker', '0 stale', [...f(0), stale]],
    ['0x10 is zero repeated, not hex', '0x2', f(0, 0, 0)],
    ['signed, exponent and special values parse as Go floats', '-1 1e3 +Inf -Inf', f(-1, 1000, Infinity, -Infinity)],
    ['NaN is a value', 'NaN', f(NaN)],
    ['a negative start counts up', '-2+1x2', f(-2, -1, 0)],
  ])('%s', (_title, text, expected) => {
    expect(expandSeriesValues(text)).toEqual(expected);
  });

  it('keeps native histograms as opaque text, spaces included', () => {
    const values = expandSeriesValues('{{schema:1 sum:3 buckets:[1 2]}}x1 3');
    expect(values.map((v) => v.kind)).toEqual(['histogram', 'histogram', 'float']);
  });

  it.each(['1+2', 'abc', '1x', 'stale+1x2'])('rejects %j', (text) => {
    expect(() => expandSeriesValues(text)).toThrow();
  });
});

describe('Prometheus durations', () => {
  it.each<[string, number]>([
    ['0', 0], ['5m', 300_000], ['1h30m', 5_400_000], ['10s53ms', 10_053], ['2m59s999ms', 179_999], ['1d', 86_400_000], ['106700d', 106700 * 86_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
  });

  it.each(['', '5', '1m1h', '1.5s'])('rejects %j', (text) => {
    expect(() => parsePromDuration(text)).toThrow();
  });
});

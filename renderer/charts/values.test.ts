import { describe, expect, it } from 'vitest';
import { drawable, formatShort, sampleValue } from './values';

describe('sample values', () => {
  it.each([
    ['1.5', 1.5],
    ['NaN', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['1e3', 1000],
  ])('sampleValue(%s)', (text, v) => expect(sampleValue(text)).toBe(v));

  it('NaN and infinities are gaps in a chart', () => {
    expect([1, NaN, Infinity, -Infinity, 0].map(drawable)).toEqual([1, null, null, null, 0]);
  });

  it.each([
    [0, '0'],
    [950, '950'],
    [1250, '1.25 K'],
    [3_400_000, '3.4 Mil'],
    [0.0012345, '0.00123'],
    [2.5, '2.5'],
    [-1500, '-1.5 K'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('formatShort(%s) = %s', (v, s) => expect(formatShort(v)).toBe(s));
});

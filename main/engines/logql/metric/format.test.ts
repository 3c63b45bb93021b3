import { describe, expect, it } from 'vitest';
import { formatSampleValue, formatTimestamp } from './format';

describe('Loki number formatting', () => {
  it.each([
    [1, '1'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e22, '-25000000000000000000000'],
    [123456.789, '123456.789'],
  ])('prints %s as Go strconv.FormatFloat(v, f, -1) does', (v, want) => {
    expect(formatSampleValue(v)).toBe(want);
  });

  it('prints times as seconds with the millisecond fraction', () => {
    expect(formatTimestamp(1795132890750n)).toBe(1795132890.75);
  });
});

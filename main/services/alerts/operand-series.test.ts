import { describe, expect, it } from 'vitest';
import { comparisonOf } from './operand-series';

describe('what a rule compares', () => {
  it.each([
    { expr: 'promtail_custom_error_total > 1', want: { expr: 'promtail_custom_error_total', op: '>', threshold: 1 } },
    { expr: '(sum by (job) (rate(x[5m])) >= 0.5)', want: { expr: 'sum by (job) (rate(x[5m]))', op: '>=', threshold: 0.5 } },
    { expr: '10 < up', want: { expr: 'up', op: '>', threshold: 10 } },
    { expr: 'x < -1', want: { expr: 'x', op: '<', threshold: -1 } },
    { expr: 'x > bool 1', want: null },
    { expr: 'x > y', want: null },
    { expr: 'absent(up)', want: null },
    { expr: 'x > 1 and y', want: null },
  ])('$expr', ({ expr, want }) => {
    expect(comparisonOf(expr)).toEqual(want);
  });
});

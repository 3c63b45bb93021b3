import { describe, expect, it } from 'vitest';
import { almostEqual, LOGQL_EPSILON, parseApiFloat, PROMQL_EPSILON } from './numbers';

describe('almostEqual', () => {
  it.each<[string, number, number, number, boolean]>([
    ['NaN equals NaN', NaN, NaN, LOGQL_EPSILON, true],
    ['NaN differs from a number', NaN, 1, LOGQL_EPSILON, false],
    ['infinity equals itself', Infinity, Infinity, LOGQL_EPSILON, true],
    ['opposite infinities differ', Infinity, -Infinity, LOGQL_EPSILON, false],
    ['a relative difference under 1e-9 is equal for LogQL', 1e6, 1e6 * (1 + 1e-10), LOGQL_EPSILON, true],
    ['a relative difference over 1e-9 differs for LogQL', 1, 1 + 1e-8, LOGQL_EPSILON, false],
    ['the same difference is equal for PromQL (1e-6)', 1, 1 + 1e-8, PROMQL_EPSILON, true],
    ['zero only equals (almost) zero', 0, 1e-12, PROMQL_EPSILON, false],
    ['float rounding is forgiven', 0.1 + 0.2, 0.3, LOGQL_EPSILON, true],
  ])('%s', (_title, a, b, eps, equal) => {
    expect(almostEqual(a, b, eps)).toBe(equal);
  });
});

describe('parseApiFloat', () => {
  it.each<[string, number]>([['1.5', 1.5], ['NaN', NaN], ['+Inf', Infinity], ['-Inf', -Infinity], ['1e3', 1000]])('reads %s', (text, n) => {
    expect(parseApiFloat(text)).toBe(n);
  });

  it('rejects text that is not a number', () => {
    expect(() => parseApiFloat('abc')).toThrow();
  });
});

/**
 * The additions our copy of the lezer-promql grammar makes (see promql.grammar's header), each
 * checked on the tree and through parsePromql.
 */
import { describe, expect, it } from 'vitest';
import { parsePromql } from '../parse.js';
import { parser } from './parser.js';

const strict = parser.configure({ strict: true });
const accepts = (q: string): boolean => {
  try {
    strict.parse(q);
    return true;
  } catch {
    return false;
  }
};

describe('grammar additions', () => {
  it('min_of/max_of are function calls outside durations', () => {
    expect(accepts('min_of(1, 2)')).toBe(true);
    expect(accepts('max_of(time(), 2) + 1')).toBe(true);
    expect(accepts('foo[min_of(5m, 1h)]')).toBe(true);
    const r = parsePromql('max_of(1, 2)');
    expect(r.ok && r.expr.kind === 'call' && r.expr.func).toBe('max_of');
  });

  it('a number literal may end in its dot', () => {
    expect(accepts('2.')).toBe(true);
    expect(accepts('2. + 1')).toBe(true);
    const r = parsePromql('2.');
    expect(r.ok && r.expr.kind === 'number' && r.expr.value).toBe(2);
  });

  it('keeps upstream names', () => {
    expect(strict.parse('sum by (a) (rate(x[5m]))').topNode.firstChild!.name).toBe('AggregateExpr');
  });
});

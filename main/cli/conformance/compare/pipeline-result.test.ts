import { describe, expect, it } from 'vitest';
import { compareEntries, compareMetrics, parseInstantNs } from './pipeline-result';

const e = (line: string, ts = 0n) => ({ labels: {}, extracted: {}, line, timestampNs: ts, structuredMetadata: {} });

describe('pipeline results are compared as the README says', () => {
  it('reads trimmed fractions and offsets as the same instant', () => {
    expect(parseInstantNs('1970-01-01T00:00:01.4Z')).toBe(1_400_000_000n);
    expect(parseInstantNs('1970-01-01T01:00:01+01:00')).toBe(1_000_000_000n);
  });
  it.each([
    ['in order', [{ line: 'a' }, { line: 'b' }], [e('a'), e('b')], undefined, null],
    ['out of order', [{ line: 'a' }, { line: 'b' }], [e('b'), e('a')], undefined, 'entry 0'],
    ['as a multiset', [{ line: 'a' }, { line: 'b' }], [e('b'), e('a')], 'any' as const, null],
    ['by timestamp', [{ line: 'a' }, { line: 'b' }], [e('b', 2n), e('a', 1n)], 'timestamp' as const, null],
    ['with a wrong count', [{}], [], undefined, 'want 1 entries'],
  ])('judges entries %s', (_n, want, got, order, diff) => {
    const d = compareEntries(want, got, order);
    if (diff === null) expect(d).toBeNull();
    else expect(d).toContain(diff);
  });
  it('compares samples as numbers and ignores families nobody asked about', () => {
    const got = '# HELP m h\n# TYPE m histogram\nm_bucket{le="1"} 1\nm_bucket{le="+Inf"} 1\nm_sum 1\nm_count 1\n# HELP other x\n# TYPE other counter\nother 3\n';
    expect(compareMetrics(['# HELP m h', '# TYPE m histogram', 'm_bucket{le="1.0"} 1.0', 'm_bucket{le="+Inf"} 1', 'm_sum 1', 'm_count 1'], got, ['m'])).toBeNull();
    expect(compareMetrics(['# HELP m h', '# TYPE m histogram'], got, ['m'])).toContain('want 0 samples');
  });
});

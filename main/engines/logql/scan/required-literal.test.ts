import { describe, expect, it } from 'vitest';
import { requiredLiterals } from './required-literal';
import { scanPlan } from './scan-plan';
import { parseLogql } from '../../../../shared/logql/parse';

describe('the required literals of an RE2 pattern', () => {
  it.each([
    ['error', ['error']],
    ['foo.*bar', ['foo']],
    ['a+bcd', ['bcd']],
    ['(?:foo|bar)baz', ['foobaz', 'barbaz']],
    ['foo|bar', ['foo', 'bar']],
    ['(foo|bar)x', ['foox', 'barx']],
    ['[Ee]rror', ['Error', 'error']],
    ['status=5\\d\\d', ['status=5']],
    ['\\Qa.b*c\\E', ['a.b*c']],
    ['a\\.b\\x41\\x{263a}', ['a.bA☺']],
    ['(?i)abc(?-i)def', ['def']],
    ['(?i:a)bcd', ['bcd']],
    ['x{3}yz', ['xxxyz']],
    ['(?P<n>abc)+d', ['abc']],
    ['^GET /api', ['GET /api']],
    ['\\bword\\b', ['word']],
    ['(?i)123', ['123']],
    ['é漢字', ['é漢字']],
  ])('%s requires one of %j', (pattern, want) => {
    expect(requiredLiterals(pattern).literals?.sort()).toEqual([...want].sort());
  });

  it.each([
    ['.*'],
    ['a|.*'],
    ['foo|\\d+'],
    ['(foo)?'],
    ['x*'],
    ['[a-z]+'],
    ['\\d{4}ms'.slice(0, 5)],
    ['(?i)error'],
    ['(?i:ab)'],
    ['(?i)k'],
    ['a{0,3}'],
    ['[^abc]'],
    ['\\pL+'],
    ['(unclosed'],
    ['(a|)'],
  ])('%s has no required literal', (pattern) => {
    expect(requiredLiterals(pattern).literals).toBeNull();
  });

  it.each([
    ['^a$', true],
    ['\\Aabc', false],
    ['abc\\z', false],
    ['(?-m)^a', false],
    ['(?s).*x', true],
  ])('%s may be searched over many lines at once: %s', (pattern, safe) => {
    expect(requiredLiterals(pattern).chunkSafe).toBe(safe);
  });
});

describe('the scan plan of a query', () => {
  const plan = (q: string) => {
    const r = parseLogql(q);
    if (!r.ok || r.expr.kind !== 'logQuery') throw new Error(q);
    return scanPlan(r.expr.stages);
  };
  it('does not prefilter on a value the stream labels may give', () => {
    const r = parseLogql('{a="b"} | logfmt | a="error"');
    if (!r.ok || r.expr.kind !== 'logQuery') throw new Error('parse');
    expect(scanPlan(r.expr.stages, { a: 'error' })).toEqual({ kind: 'all' });
  });
  it.each([
    ['{a="b"}', { kind: 'all' }],
    ['{a="b"} |= "needle"', { kind: 'literals', needles: ['needle'] }],
    ['{a="b"} |= "" or "needle"', { kind: 'literals', needles: ['needle'] }],
    ['{a="b"} |= ""', { kind: 'all' }],
    ['{a="b"} != "x" |= "longer"', { kind: 'literals', needles: ['longer'] }],
    ['{a="b"} != "x"', { kind: 'drop-literals', needles: ['x'] }],
    ['{a="b"} |~ "id=(12|34)5"', { kind: 'literals', needles: ['id=125', 'id=345'] }],
    ['{a="b"} |~ "\\\\d+ms"', { kind: 'regex', pattern: '\\d+ms', folds: false }],
    ['{a="b"} | json | status >= 500 |= "boom"', { kind: 'literals', needles: ['boom'] }],
    ['{a="b"} | line_format "x" |= "boom"', { kind: 'all' }],
    ['{a="b"} | unpack |= "boom"', { kind: 'all' }],
    ['{a="b"} |> "<_> boom"', { kind: 'all' }],
    ['{a="b"} | logfmt | level="error"', { kind: 'literals', needles: ['error', '\\'] }],
    ['{a="b"} | json | level="error" and status>=500', { kind: 'literals', needles: ['error', '\\'] }],
    ['{a="b"} | logfmt | level="error" or level="warn"', { kind: 'all' }],
    ['{a="b"} | json | level="a b"', { kind: 'all' }],
    ['{a="b"} | label_format level="x" | json | level="error"', { kind: 'all' }],
    ['{a="b"} | regexp "(?P<level>.+)" | level="error"', { kind: 'all' }],
    ['{a="b"} | json lvl="level" | lvl="error"', { kind: 'all' }],
  ])('%s scans %j', (q, want) => {
    expect(plan(q)).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import { re2CheckRegex, re2Port, subexpNames } from './re2-port';

function compile(p: string) {
  const r = re2Port.compile(p);
  if (!r.ok) throw new Error(r.error);
  return r.regex;
}

describe('the RE2 regex port', () => {
  it.each([
    ['(', 'error parsing regexp: missing closing ): `(`'],
    ['[a', 'error parsing regexp: missing closing ]: `[a`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['x{2,1}', 'error parsing regexp: invalid repeat count: `{2,1}`'],
  ])('words the compile error of %s as Go does', (pattern, message) => {
    expect(re2CheckRegex(pattern)).toBe(message);
  });

  it.each([
    ['(?i)APACHE', 'apache', true],
    ['^a.c$', 'a\nc', false],
    ['[\\pL.]+', 'héllo', true],
    ['\\d', '٣', false],
  ])('matches %s against %j with Go semantics (%s)', (pattern, subject, want) => {
    expect(compile(pattern).test(subject)).toBe(want);
  });

  it('reports named groups by index, as Go SubexpNames', () => {
    expect(compile('(?P<a>x)(y)(?<b>z)').groupNames).toEqual(['', 'a', '', 'b']);
    expect(subexpNames('[(](?P<n>a)\\((b)')).toEqual(['', 'n', '']);
    expect(compile('(?P<a>x)|(?P<b>y)').exec('y')?.groups).toEqual(['y', undefined, 'y']);
  });

  it('skips an empty match abutting the previous one, as Go FindAll does', () => {
    expect(compile('a*').matchAll('baaac').map((m) => [m.start, m.end])).toEqual([
      [0, 0],
      [1, 4],
      [5, 5],
    ]);
  });

  it('runs a catastrophic pattern in linear time (4× the input costs at most ~8× the time)', () => {
    const re = compile('(a+)+$');
    const time = (n: number): number => {
      const s = 'a'.repeat(n) + 'b';
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        for (let i = 0; i < 4; i++) re.test(s);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(50_000); // warm up
    const small = time(50_000);
    const large = time(200_000);
    expect(re.test('a'.repeat(100_000) + 'b')).toBe(false);
    expect(large / small).toBeLessThanOrEqual(8);
  });

  it('never throws on hostile subjects', () => {
    const re = compile('(?P<x>\\w+)');
    for (const s of ['', '\ud800', '\u0000'.repeat(10), '😀'.repeat(1000)]) {
      expect(() => [re.test(s), re.exec(s), re.matchAll(s)]).not.toThrow();
    }
  });
});

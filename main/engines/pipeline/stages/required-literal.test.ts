import { describe, expect, it } from 'vitest';
import { re2Port } from '../../../adapters/re2/re2-port';
import { requiredLiteral, tailCapture, tailMatch } from './required-literal';

describe('requiredLiteral', () => {
  it('finds the literal of Promtail-style patterns', () => {
    expect(requiredLiteral('.*(?P<error_message>error_message.*)')).toBe('error_message');
    expect(requiredLiteral('.*level=(?P<level>\\w+)')).toBe('level=');
    expect(requiredLiteral('.*(?:abc)x')).toBe('abc');
    expect(requiredLiteral('.*abcd?e')).toBe('abc');
  });

  it('gives up where the literal is not required or may match otherwise', () => {
    for (const p of ['(?P<a>error.*)', '.*(?P<a>error.*)|x', '(?i).*error', '.*(?i:error)', '.*(?P<a>error)?', '.*(error)*x', '.*(?s:err)', '.*a', '.*\\Qerror\\E', '.*[e]rror'])
      expect(requiredLiteral(p), p).toBeNull();
  });

  // The regex stage skips RE2 when the literal is absent: that must never change the result.
  it('never misses a match: a line without the literal does not match the pattern', () => {
    const patterns = [
      '.*(?P<error_message>error_message.*)',
      '.*(?P<m>err_x.*)',
      '.*level=(?P<level>\\w+)',
      '.*(?:abc)x',
      '.*abcd?e',
      '.*(?P<a>abx+)c',
      '.*(?P<a>ab)(?P<b>c+)',
      '.*"code":(?P<c>\\d+)',
    ];
    const alphabet = ['a', 'b', 'c', 'd', 'e', 'x', 'ab', 'abx', 'abc', 'abd', 'r', 'o', '_', 'error_message', 'err_x', 'level=', 'LEVEL=', 'ERROR_MESSAGE', '"code":', '7', ' ', '\n', 'é', '😀'];
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const subjects: string[] = ['', 'error_message', 'error_messag', 'rror_message', 'abcx', 'abce', 'abde', 'abbc', 'level=', 'xx\nerror_message', 'error_message\n', 'Error_Message'];
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = rand(8);
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)]!;
      subjects.push(s);
    }
    for (const p of patterns) {
      const lit = requiredLiteral(p);
      expect(lit, p).not.toBeNull();
      const c = re2Port.compile(p);
      if (!c.ok) throw new Error(c.error);
      for (const s of subjects) if (!s.includes(lit!)) expect(c.regex.exec(s), `${p} on ${JSON.stringify(s)}`).toBeNull();
    }
  });

  it('tailCapture takes only the exact `.*(?P<name>LITERAL.*)` shape', () => {
    expect(tailCapture('.*(?P<error_message>error_message.*)')).toEqual({ name: 'error_message', literal: 'error_message' });
    for (const p of ['.*(?P<a>err.*)x', '.*(?P<a>err.+)', '(?P<a>err.*)', '.*(?P<a>e.r.*)', '.*(?P<a>err.*)|b', '.*(?P<a>err?.*)', '.*(?:err.*)'])
      expect(tailCapture(p), p).toBeNull();
  });

  it('tailMatch gives exactly what RE2 gives the group, on random text with newlines and non-ASCII', () => {
    const patterns = ['.*(?P<error_message>error_message.*)', '.*(?P<g>ab.*)', '.*(?P<g>aa.*)', '.*(?P<g>a=b.*)'];
    const alphabet = ['a', 'b', 'aa', 'ab', 'a=b', 'error_message', 'error_messag', '\n', '\r', '\n\n', ' ', 'é', '😀', '\t', 'x'];
    let seed = 99;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const subjects = ['', 'ab', '\nab', 'ab\n', 'aab\nab', 'xab\nabab', 'aaa', 'a\nb', 'error_message=x\nerror_message=y'];
    for (let k = 0; k < 4000; k++) {
      let s = '';
      for (let j = rand(10); j > 0; j--) s += alphabet[rand(alphabet.length)]!;
      subjects.push(s);
    }
    for (const p of patterns) {
      const t = tailCapture(p)!;
      expect(t, p).not.toBeNull();
      const c = re2Port.compile(p);
      if (!c.ok) throw new Error(c.error);
      for (const s of subjects) {
        const m = c.regex.exec(s);
        expect(tailMatch(s, t.literal), `${p} on ${JSON.stringify(s)}`).toBe(m ? (m.groups[1] ?? '') : null);
      }
    }
  });
});

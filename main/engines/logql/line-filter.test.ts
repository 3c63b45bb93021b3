import { describe, expect, it } from 'vitest';
import { run } from '../../adapters/re2/logql-test-kit';
import { simplifyRegex } from './simplify';

const keeps = (query: string, line: string): boolean => run(`{job="t"} ${query}`, line) !== null;

describe('line filters', () => {
  it.each([
    ['|= "error"', 'an error here', true],
    ['|= "error"', 'an ERROR here', false],
    ['!= "error"', 'an error here', false],
    ['|= ""', 'anything', true],
    ['!= ""', 'anything', false],
    ['|= "" or "x"', 'abc', false],
    ['|~ "err(or)?"', 'err', true],
    ['|~ "(?i)invalid USER"', 'Invalid user bob', true],
    ['|= "(?i)invalid"', 'Invalid', false],
    ['!~ "notice|error"', 'a notice', false],
    ['!~ "notice|error"', 'a warning', true],
    ['|= "WARN" or "ERROR"', 'x ERROR y', true],
    ['!= "INFO" or "WARN"', 'WARN x', false],
    ['!= "INFO" or "WARN"', 'DEBUG x', true],
    ['|= "a" |= "b"', 'ab', true],
    ['|= "a" |= "b"', 'a', false],
    ['|~ "state 6$"', 'in state 6', true],
    ['|~ "state 6$"', 'in state 6 ', false],
    ['|> "<_> Failed password for <_> from <_> port <_> ssh2"', 'Dec 10 sshd: Failed password for root from 1.2.3.4 port 22 ssh2', true],
    ['|> "<_> Failed password for <_>"', 'Failed password for x', false],
    ['!> "<_> sshd[<_>]: <_>"', 'Dec 10 host sshd[24200]: msg', false],
    ['|= ip("173.234.31.186")', 'from 173.234.31.186 port', true],
    ['|= ip("103.99.0.0-103.99.0.255")', 'rhost=103.99.0.122', true],
    ['!= ip("10.0.0.0/8")', '10.1.2.3 - - GET', false],
    ['|= ip("2001:db8::/32")', 'client 2001:db8::1 said', true],
    ['|= ip("10.0.0.1")', 'v 010.0.0.1', false],
  ])('%s on %j keeps it: %s', (filter, line, want) => {
    expect(keeps(filter, line)).toBe(want);
  });

  it.each([
    ['foo', false, 'xfooy', true],
    ['foo|bar', true, 'bar', true],
    ['foo|bar', true, 'xbar', false],
    ['foo.*', true, 'xfooy', true],
    ['.+', false, '\n', true],
    ['', true, 'anything', true],
  ])('simplifies %j (label: %s) as Loki does: %j → %s', (pattern, isLabel, subject, want) => {
    const test = simplifyRegex(pattern, isLabel);
    expect(test).not.toBeNull();
    expect(test!(subject)).toBe(want);
  });

  it.each(['a[bc]', 'x+y', '^foo', 'err(or|no)'])('leaves %j to the regex engine', (pattern) => {
    expect(simplifyRegex(pattern, false)).toBeNull();
  });

  it('moves line filters ahead of a parser but not past line_format', () => {
    // |~ runs on the original line (before line_format), the second one after it.
    expect(run('{job="t"} | json | line_format "{{.a}}" |= "x"', '{"a":"x"}')?.line).toBe('x');
    expect(run('{job="t"} | json | line_format "{{.a}}" |= "a"', '{"a":"x"}')).toBeNull();
    // decolorize is not a barrier in Loki: the filter sees the coloured line.
    expect(run('{job="t"} | decolorize |~ "^ERROR"', '\x1b[31mERROR\x1b[0m x')).toBeNull();
  });
});

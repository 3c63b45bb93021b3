import { describe, expect, it } from 'vitest';
import { goLog, iso8601, rfc5424 } from './iso';

const at = (iso: string): number => Date.parse(iso);

describe('iso8601', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'RFC 3339 with Z', line: '2024-01-02T03:04:05Z msg', want: at('2024-01-02T03:04:05Z') },
    { name: 'a lower-case t and z', line: '2024-01-02t03:04:05z', want: at('2024-01-02T03:04:05Z') },
    { name: 'milliseconds after a dot', line: '2024-01-02T03:04:05.678Z x', want: at('2024-01-02T03:04:05.678Z') },
    { name: 'nanoseconds are truncated to milliseconds', line: '2024-06-20T12:34:56.789012345Z caller=x', want: at('2024-06-20T12:34:56.789Z') },
    { name: 'one fractional digit is tenths', line: '2024-01-02T03:04:05.5Z', want: at('2024-01-02T03:04:05.500Z') },
    { name: 'a +hh:mm offset', line: '2024-01-02T03:04:05+02:00 x', want: at('2024-01-02T01:04:05Z') },
    { name: 'a -hhmm offset', line: '2024-01-02T03:04:05-0700 x', want: at('2024-01-02T10:04:05Z') },
    { name: 'a bare -hh offset', line: '2024-01-02T03:04:05-05 x', want: at('2024-01-02T08:04:05Z') },
    { name: 'a fraction and an offset', line: '2024-01-02T03:04:05.123+05:30', want: at('2024-01-01T21:34:05.123Z') },
    { name: 'no zone is UTC', line: '2024-01-02T03:04:05 x', want: at('2024-01-02T03:04:05Z') },
    { name: 'log4j: a space and a comma fraction', line: '2015-10-18 18:01:47,978 INFO [main] x', want: at('2015-10-18T18:01:47.978Z') },
    { name: 'Python logging with a dash after', line: '2024-01-02 03:04:05,678 - root - INFO - hi', want: at('2024-01-02T03:04:05.678Z') },
    { name: 'a zone after a space', line: '2024-01-02 03:04:05.678 +0100 x', want: at('2024-01-02T02:04:05.678Z') },
    { name: 'a bare +hh after a space as no zone', line: '2024-01-02 03:04:05 +12 items', want: at('2024-01-02T03:04:05Z') },
    { name: 'a -hh:mm after a space', line: '2024-01-02 03:04:05 -07:00 x', want: at('2024-01-02T10:04:05Z') },
    { name: 'UTC after a space (PostgreSQL)', line: '2024-01-02 03:04:05.678 UTC [12] LOG: x', want: at('2024-01-02T03:04:05.678Z') },
    { name: 'a leading bracket (Monolog)', line: '[2024-01-02 03:04:05] app.INFO: x', want: at('2024-01-02T03:04:05Z') },
    { name: 'leading blanks', line: '  2024-01-02T03:04:05Z', want: at('2024-01-02T03:04:05Z') },
    { name: 'a comma not followed by digits is left alone', line: '2024-01-02 03:04:05, x', want: at('2024-01-02T03:04:05Z') },
    { name: 'a trailing CR', line: '2024-01-02 03:04:05\r', want: at('2024-01-02T03:04:05Z') },
    { name: 'Feb 29 of a leap year', line: '2024-02-29 00:00:00', want: at('2024-02-29T00:00:00Z') },
    { name: 'a date before 1970', line: '1969-12-31T23:59:59Z', want: -1000 },
    { name: 'Feb 29 of a common year is rejected', line: '2023-02-29 00:00:00', want: NaN },
    { name: 'month 13 is rejected', line: '2024-13-02 03:04:05', want: NaN },
    { name: 'hour 24 is rejected', line: '2024-01-02 24:00:00', want: NaN },
    { name: 'a date alone is not a timestamp', line: '2024-01-02 hello', want: NaN },
    { name: 'minutes without seconds are not enough', line: '2024-01-02 03:04', want: NaN },
    { name: 'a line shorter than the format', line: '2024-01-0', want: NaN },
    { name: 'an empty line', line: '', want: NaN },
    { name: 'garbage', line: '\u0000\uffff\ud800 zz', want: NaN },
    { name: 'a timestamp in the middle of the line', line: 'at 2024-01-02T03:04:05Z', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(iso8601.parse(line, 1999)).toBe(want);
  });
});

describe('go', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'the standard log flags', line: '2009/11/10 23:00:00 Hello', want: at('2009-11-10T23:00:00Z') },
    { name: 'microseconds (log.Lmicroseconds)', line: '2009/11/10 23:00:00.123456 x', want: at('2009-11-10T23:00:00.123Z') },
    { name: 'nginx error log', line: '2024/01/02 03:04:05 [error] 12#0: *1 open() failed', want: at('2024-01-02T03:04:05Z') },
    { name: 'dashes belong to iso8601, not go', line: '2009-11-10 23:00:00 x', want: NaN },
    { name: 'a line shorter than the format', line: '2009/11/10 23:0', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(goLog.parse(line, 1999)).toBe(want);
  });
});

describe('rfc5424', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'the RFC example', line: '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - x', want: at('2003-10-11T22:14:15.003Z') },
    { name: 'an offset', line: '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - x', want: at('2003-08-24T12:14:15.000Z') },
    { name: 'the NILVALUE timestamp as none', line: '<34>1 - host app - - x', want: NaN },
    { name: 'a BSD header as none', line: '<34>Oct 11 22:14:15 mymachine su: x', want: NaN },
    { name: 'an unclosed priority as none', line: '<34 1 2003-10-11T22:14:15Z', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(rfc5424.parse(line, 1999)).toBe(want);
  });
});

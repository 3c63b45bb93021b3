import { describe, expect, it } from 'vitest';
import { apacheAccess } from './access-log';

const at = (iso: string): number => Date.parse(iso);

describe('apache-access', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'the common log format', line: '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326', want: at('2000-10-10T20:55:36Z') },
    { name: 'a positive offset', line: '::1 - - [01/Jan/2024:00:30:00 +0100] "GET / HTTP/1.1" 200 1', want: at('2023-12-31T23:30:00Z') },
    { name: 'an IPv6 host in brackets first', line: '[::1] - - [01/Jan/2024:00:30:00 +0000] "GET /"', want: at('2024-01-01T00:30:00Z') },
    { name: 'milliseconds (nginx $msec-style custom format)', line: 'h - - [01/Jan/2024:00:30:00.250 +0000] x', want: at('2024-01-01T00:30:00.250Z') },
    { name: 'no zone as UTC', line: 'h - - [01/Jan/2024:00:30:00] x', want: at('2024-01-01T00:30:00Z') },
    { name: 'a bad month as none', line: 'h - - [01/Foo/2024:00:30:00 +0000] x', want: NaN },
    { name: 'an Apache error line as none', line: '[Sun Dec 04 04:47:44 2005] [notice] x', want: NaN },
    { name: 'a line shorter than the format', line: 'h - - [01/Jan/2024:00:3', want: NaN },
    { name: 'a line without brackets as none', line: 'no brackets here', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(apacheAccess.parse(line, 1999)).toBe(want);
  });
});

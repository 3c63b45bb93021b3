import { describe, expect, it } from 'vitest';
import { epoch, fullYear, hdfsYymmdd } from './numeric';

const at = (iso: string): number => Date.parse(iso);

describe('hdfs-yymmdd', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'an HDFS line', line: '081109 203615 148 INFO dfs.DataNode$PacketResponder: x', want: at('2008-11-09T20:36:15Z') },
    { name: 'a 19xx year', line: '991231 235959 x', want: at('1999-12-31T23:59:59Z') },
    { name: 'the line end right after the time', line: '081109 203615', want: at('2008-11-09T20:36:15Z') },
    { name: 'a time glued to more digits as none', line: '081109 2036150 x', want: NaN },
    { name: 'an impossible date as none', line: '081131 203615 x', want: NaN },
    { name: 'minute 60 as none', line: '081109 206015 x', want: NaN },
    { name: 'a line shorter than the format', line: '081109 2036', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(hdfsYymmdd.parse(line, 1999)).toBe(want);
  });

  it.each([
    [0, 2000],
    [68, 2068],
    [69, 1969],
    [99, 1999],
  ])('reads two-digit year %i as %i, like strptime %%y', (yy, year) => {
    expect(fullYear(yy)).toBe(year);
  });
});

describe('epoch', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'seconds', line: '1700000000 GET /', want: 1_700_000_000_000 },
    { name: 'seconds with a fraction', line: '1700000000.123456 x', want: 1_700_000_000_123 },
    { name: 'seconds with one fractional digit', line: '1700000000.5\tx', want: 1_700_000_000_500 },
    { name: 'milliseconds', line: '1700000000123 x', want: 1_700_000_000_123 },
    { name: 'microseconds', line: '1700000000123456 x', want: 1_700_000_000_123 },
    { name: 'nanoseconds', line: '1700000000123456789 x', want: 1_700_000_000_123 },
    { name: 'the number alone', line: '1700000000', want: 1_700_000_000_000 },
    { name: 'a number followed by punctuation', line: '1700000000,x', want: 1_700_000_000_000 },
    { name: 'nine digits as none', line: '170000000 x', want: NaN },
    { name: 'eleven digits as none', line: '17000000000 x', want: NaN },
    { name: 'a number glued to letters as none', line: '1700000000abc x', want: NaN },
    { name: 'a number glued to an underscore as none', line: '1700000000_x', want: NaN },
    { name: 'a number not at the start as none', line: 'x 1700000000', want: NaN },
    { name: 'an empty line as none', line: '', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(epoch.parse(line, 1999)).toBe(want);
  });
});

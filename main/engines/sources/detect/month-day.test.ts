import { describe, expect, it } from 'vitest';
import { androidLogcat, apacheError, klog, syslog } from './month-day';

const at = (iso: string): number => Date.parse(iso);

describe('syslog', () => {
  const cases: { name: string; line: string; year: number; want: number }[] = [
    { name: 'a two-digit day', line: 'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: x', year: 2024, want: at('2024-06-14T15:16:01Z') },
    { name: 'a space-padded day (macOS)', line: 'Jul  1 09:00:55 host kernel[0]: x', year: 2017, want: at('2017-07-01T09:00:55Z') },
    { name: 'a zero-padded day', line: 'Jul 01 09:00:55 host x', year: 2017, want: at('2017-07-01T09:00:55Z') },
    { name: 'a bare one-digit day', line: 'Jul 1 09:00:55 host x', year: 2017, want: at('2017-07-01T09:00:55Z') },
    { name: 'a leading <PRI>', line: '<34>Oct 11 22:14:15 mymachine su: x', year: 2003, want: at('2003-10-11T22:14:15Z') },
    { name: 'rsyslog fractional seconds', line: 'Dec 10 06:55:46.123 LabSZ sshd[1]: x', year: 2024, want: at('2024-12-10T06:55:46.123Z') },
    { name: 'a month in capitals', line: 'JUN 14 15:16:01 x', year: 2024, want: at('2024-06-14T15:16:01Z') },
    { name: 'Feb 29 in a common year (rolls to Mar 1)', line: 'Feb 29 00:00:00 x', year: 2023, want: at('2023-03-01T00:00:00Z') },
    { name: 'the caller year only', line: 'Jan  1 00:00:00 x', year: 1999, want: at('1999-01-01T00:00:00Z') },
    { name: 'Feb 30 as none', line: 'Feb 30 00:00:00 x', year: 2024, want: NaN },
    { name: 'an unknown month as none', line: 'Foo 14 15:16:01 x', year: 2024, want: NaN },
    { name: 'a line shorter than the format', line: 'Jun 14 15:1', year: 2024, want: NaN },
    { name: 'a NaN year as none', line: 'Jun 14 15:16:01 x', year: NaN, want: NaN },
    { name: 'a fractional year as none', line: 'Jun 14 15:16:01 x', year: 2024.5, want: NaN },
    { name: 'garbage', line: 'J', year: 2024, want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, year, want }) => {
    expect(syslog.parse(line, year)).toBe(want);
  });
});

describe('apache-error', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'Apache 2.2', line: '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', want: at('2005-12-04T04:47:44Z') },
    { name: 'Apache 2.4 microseconds', line: '[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 1] x', want: at('2000-10-11T14:32:52.123Z') },
    { name: 'a space-padded day', line: '[Mon Jul  1 09:00:55 2024] [error] x', want: at('2024-07-01T09:00:55Z') },
    { name: 'ctime without brackets', line: 'Thu Feb 29 12:00:00 2024 x', want: at('2024-02-29T12:00:00Z') },
    { name: 'Feb 29 of a common year as none', line: '[Wed Feb 29 12:00:00 2023] x', want: NaN },
    { name: 'a missing year as none', line: '[Sun Dec 04 04:47:44] x', want: NaN },
    { name: 'a line shorter than the format', line: '[Sun Dec 04 04:4', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(apacheError.parse(line, 1999)).toBe(want);
  });
});

describe('android-logcat', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'threadtime', line: '03-17 16:13:38.811  1702  2395 D WindowManager: x', want: at('2024-03-17T16:13:38.811Z') },
    { name: 'time', line: '03-17 16:13:38.811 D/WindowManager( 1702): x', want: at('2024-03-17T16:13:38.811Z') },
    { name: 'no milliseconds', line: '12-31 23:59:59 x', want: at('2024-12-31T23:59:59Z') },
    { name: 'month 00 as none', line: '00-17 16:13:38.811 x', want: NaN },
    { name: 'a line shorter than the format', line: '03-17 16:1', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(androidLogcat.parse(line, 2024)).toBe(want);
  });
});

describe('klog', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'an info line', line: 'I0715 12:34:56.789012    1 main.go:12] hi', want: at('2024-07-15T12:34:56.789Z') },
    { name: 'a fatal line', line: 'F1231 23:59:59.000001 1 x.go:1] boom', want: at('2024-12-31T23:59:59.000Z') },
    { name: 'another letter as none', line: 'X0715 12:34:56.789012 1 x', want: NaN },
    { name: 'a line shorter than the format', line: 'I0715 12', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(klog.parse(line, 2024)).toBe(want);
  });
});

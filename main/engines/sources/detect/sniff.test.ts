import { describe, expect, it } from 'vitest';
import { FORMATS, parseAnyTimestamp, sniffTimestampFormat } from './index';

const at = (iso: string): number => Date.parse(iso);

describe('sniffTimestampFormat', () => {
  const cases: { name: string; sample: string[]; want: string | null }[] = [
    { name: 'ISO lines', sample: ['2024-01-02T03:04:05Z a', '2024-01-02T03:04:06Z b'], want: 'iso8601' },
    { name: 'syslog lines with a stack trace', sample: ['Jun 14 15:16:01 h a: x', '\tat Foo.bar(Foo.java:1)', 'Jun 14 15:16:02 h a: y'], want: 'syslog' },
    { name: 'RFC 5424 lines', sample: ['<34>1 2003-10-11T22:14:15.003Z h su - - - x'], want: 'rfc5424' },
    { name: 'access log lines', sample: ['1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /" 200 1'], want: 'apache-access' },
    { name: 'JSON lines', sample: ['{"ts":1700000000.1,"msg":"a"}', '{"ts":1700000001.1,"msg":"b"}'], want: 'json' },
    { name: 'logfmt lines', sample: ['level=info ts=2024-01-02T03:04:05Z msg=a'], want: 'logfmt' },
    { name: 'the format most lines share, not the first line', sample: ['1700000000 x', '081109 203615 1 INFO a', '081109 203616 1 INFO b'], want: 'hdfs-yymmdd' },
    { name: 'Go log lines', sample: ['2009/11/10 23:00:00 hi'], want: 'go' },
    { name: 'klog lines', sample: ['I0715 12:34:56.789012 1 a.go:1] hi'], want: 'klog' },
    { name: 'epoch lines', sample: ['1700000000123 hi'], want: 'epoch' },
    { name: 'no timestamps at all', sample: ['hello', 'world', ''], want: null },
    { name: 'an empty sample', sample: [], want: null },
  ];
  it.each(cases)('picks $want for $name', ({ sample, want }) => {
    expect(sniffTimestampFormat(sample)?.name ?? null).toBe(want);
  });

  it('counts a Feb 29 in a year-less sample as parsed', () => {
    expect(sniffTimestampFormat(['Feb 29 00:00:00 h x'])?.name).toBe('syslog');
  });
});

describe('parseAnyTimestamp', () => {
  const cases: { name: string; line: string; year: number; want: { ts: number; format: string } | null }[] = [
    { name: 'an Android line', line: '03-17 16:13:38.811  1702  2395 D W: x', year: 2024, want: { ts: at('2024-03-17T16:13:38.811Z'), format: 'android-logcat' } },
    { name: 'an Apache error line', line: '[Sun Dec 04 04:47:44 2005] [notice] x', year: 2024, want: { ts: at('2005-12-04T04:47:44Z'), format: 'apache-error' } },
    { name: 'a JSON line', line: '{"time":"2024-01-02T03:04:05Z"}', year: 2024, want: { ts: at('2024-01-02T03:04:05Z'), format: 'json' } },
    { name: 'a stack trace line', line: '\tat org.Foo.bar(Foo.java:12)', year: 2024, want: null },
    { name: 'an empty line', line: '', year: 2024, want: null },
  ];
  it.each(cases)('reads $name', ({ line, year, want }) => {
    const got = parseAnyTimestamp(line, year);
    expect(got && { ts: got.ts, format: got.format.name }).toEqual(want);
  });

  it('never throws on hostile input', () => {
    const hostile = ['\u0000', '\ud800', '<', '<999999999>', '{', '{"ts":', '['.repeat(1000), '9'.repeat(400), 'Jun', ' '.repeat(50)];
    for (const line of hostile) {
      expect(() => parseAnyTimestamp(line, 2024)).not.toThrow();
      for (const format of FORMATS) expect(() => format.parse(line, NaN)).not.toThrow();
    }
    expect(parseAnyTimestamp(null as unknown as string, 2024)).toBeNull();
  });

  it('reads every prefix of a valid line as NaN or a finite time, without throwing', () => {
    const valid = [
      '<34>1 2003-10-11T22:14:15.003+02:00 h su - - - x',
      '[Wed Oct 11 14:32:52.123456 2000] [core:error] x',
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /" 200 1',
      '03-17 16:13:38.811  1702  2395 D Tag: x',
      '081109 203615 148 INFO dfs: x',
      '1700000000.123456 x',
      '{"level":"info","ts":1700000000.5,"time":"2024-01-02T03:04:05Z"}',
      'level=info ts=2024-06-20T12:34:56.789012345Z caller=x',
      'I0715 12:34:56.789012 1 a.go:1] x',
      '2009/11/10 23:00:00.123456 x',
      'Jul  1 09:00:55 host x',
    ];
    for (const line of valid) {
      for (let end = 0; end <= line.length; end++) {
        for (const format of FORMATS) {
          const ts = format.parse(line.slice(0, end), 2024);
          expect(Number.isNaN(ts) || Number.isFinite(ts)).toBe(true);
        }
      }
    }
  });

  it('gives every format a distinct name', () => {
    expect(new Set(FORMATS.map((f) => f.name)).size).toBe(FORMATS.length);
  });
});

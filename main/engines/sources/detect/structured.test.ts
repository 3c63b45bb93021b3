import { describe, expect, it } from 'vitest';
import { jsonLine, logfmt } from './structured';

const at = (iso: string): number => Date.parse(iso);

describe('json', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'an RFC 3339 "time" (logrus, bunyan)', line: '{"level":"info","msg":"hi","time":"2024-01-02T03:04:05+01:00"}', want: at('2024-01-02T02:04:05Z') },
    { name: 'a float "ts" in seconds (zap)', line: '{"level":"info","ts":1700000000.123456,"msg":"x"}', want: 1_700_000_000_123 },
    { name: 'an "@timestamp" (ECS, Logstash)', line: '{"@timestamp":"2024-01-02T03:04:05.678Z","message":"x"}', want: at('2024-01-02T03:04:05.678Z') },
    { name: 'a "timestamp" in milliseconds', line: '{"timestamp":1700000000123,"msg":"x"}', want: 1_700_000_000_123 },
    { name: 'a "time" in nanoseconds', line: '{"time":1700000000123456789}', want: 1_700_000_000_123 },
    { name: 'blanks around the colon', line: '{ "ts" : "2024-01-02 03:04:05" }', want: at('2024-01-02T03:04:05Z') },
    { name: 'an epoch inside a string', line: '{"ts":"1700000000"}', want: 1_700_000_000_000 },
    { name: 'exponent notation', line: '{"ts":1.7e9}', want: 1_700_000_000_000 },
    { name: 'a key that is a value as none', line: '{"msg":"time","n":1}', want: NaN },
    { name: 'a small number (a duration) as none', line: '{"time":12}', want: NaN },
    { name: 'a non-JSON line as none', line: 'time="2024-01-02T03:04:05Z"', want: NaN },
    { name: 'a truncated object as none', line: '{"ts":', want: NaN },
    { name: '"@timestamp" before "timestamp", "time" and "ts", wherever they sit', line: '{"ts":1,"time":"2024-01-02T03:04:05Z","timestamp":1700000000123,"@timestamp":"2024-05-06T07:08:09Z"}', want: at('2024-05-06T07:08:09Z') },
    { name: '"time" before a "ts" written first', line: '{"ts":"2024-01-02T03:04:05Z","time":"2024-05-06T07:08:09Z"}', want: at('2024-05-06T07:08:09Z') },
    { name: 'a "ts" when the "time" key has no timestamp', line: '{"time":"soon","ts":"2024-01-02T03:04:05Z"}', want: at('2024-01-02T03:04:05Z') },
    { name: 'a "ts" when "time" is only in a value', line: '{"msg":"timeout","ts":1700000000}', want: 1_700_000_000_000 },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(jsonLine.parse(line, 1999)).toBe(want);
  });
});

describe('logfmt', () => {
  const cases: { name: string; line: string; want: number }[] = [
    { name: 'Loki / Prometheus (go-kit)', line: 'level=info ts=2024-06-20T12:34:56.789012345Z caller=main.go:1 msg=x', want: at('2024-06-20T12:34:56.789Z') },
    { name: 'Grafana t=', line: 'logger=settings t=2024-01-02T03:04:05.678+00:00 level=info msg=x', want: at('2024-01-02T03:04:05.678Z') },
    { name: 'a quoted time= (logrus text)', line: 'time="2024-01-02T03:04:05Z" level=info msg=x', want: at('2024-01-02T03:04:05Z') },
    { name: 'an epoch ts=', line: 'ts=1700000000.5 msg=x', want: 1_700_000_000_500 },
    { name: 'a key inside another key as none', line: 'start=2024-01-02T03:04:05Z', want: NaN },
    { name: 'a duration t= as none', line: 'op=get t=12 ms', want: NaN },
    { name: 'no keys as none', line: 'just text', want: NaN },
  ];
  it.each(cases)('reads $name', ({ line, want }) => {
    expect(logfmt.parse(line, 1999)).toBe(want);
  });
});

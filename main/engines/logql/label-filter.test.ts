import { describe, expect, it } from 'vitest';
import { added, run } from '../../adapters/re2/logql-test-kit';
import { bytesFilterValue, goParseBytes, goParseDuration, goParseFloat, goQuote } from './go-strconv';

const keeps = (query: string, line: string): boolean => run(`{job="t", host="h1"} | logfmt ${query}`, line, { job: 't', host: 'h1' }) !== null;

describe('label filters', () => {
  it.each([
    ['| level="error"', 'level=error', true],
    ['| level!="info"', 'x=1', true],
    ['| level=~"warn|error"', 'level=error', true],
    ['| level=~"warn|error"', 'level=xerror', false],
    ['| level=~"err.*"', 'level=xerrx', true],
    ['| level=~""', 'level=x', true],
    ['| status >= 500', 'status=503', true],
    ['| status >= 500', 'x=1', false],
    ['| status > 400 and status < 500', 'status=404', true],
    ['| status == 200 or status == 201', 'status=201', true],
    ['| d > 250ms', 'd=1.2s', true],
    ['| d <= 3ms', 'd=850us', true],
    ['| size > 1KB', 'size=1.5KB', true],
    ['| size < 1KiB', 'size=1KB', false],
    ['| size == 2048B', 'size=2KiB', false],
    ['| ip = ip("10.0.2.0/24")', 'ip=10.0.2.7', true],
    ['| ip != ip("10.0.0.0/8")', 'ip=192.168.1.1', true],
    ['| host="h1"', 'a=1', true],
    ['| a="1", b="2"', 'a=1 b=2', true],
    ['| a="1" or b="2" and c="3"', 'b=2', false],
    ['| (a="1" or b="2") and c="3"', 'b=2 c=3', true],
  ])('%s on %j keeps it: %s', (filter, line, want) => {
    expect(keeps(filter, line)).toBe(want);
  });

  it.each([
    ['| level > 5', 'level=info', 'strconv.ParseFloat: parsing "info": invalid syntax'],
    ['| d > 1s', 'd=abc', 'time: invalid duration "abc"'],
    ['| d > 1s', 'd=5', 'time: missing unit in duration "5"'],
    ['| size > 1KB', 'size=lots', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ])('keeps an unconvertible value with LabelFilterErr: %s on %j', (filter, line, details) => {
    const got = added(`{job="t"} | logfmt ${filter}`, line);
    expect(got).toMatchObject({ __error__: 'LabelFilterErr', __error_details__: details });
  });

  it('filters on __error__ as a label', () => {
    expect(run('{job="t"} | json | __error__=""', 'nope')).toBeNull();
    expect(run('{job="t"} | json | __error__="JSONParserErr"', 'nope')).not.toBeNull();
  });

  it('drops a line as soon as a parser sets a label a later filter rejects (Loki parser hints)', () => {
    // The filter sits before the parser but Loki still applies it when json sets `level`.
    expect(run('{job="t"} | level!="error" | json', '{"level":"error"}')).toBeNull();
  });
});

describe('Go conversions', () => {
  it.each([
    ['1.5', 1.5],
    ['-2e3', -2000],
    ['0x1p-2', 0.25],
    ['Inf', Infinity],
    ['.5', 0.5],
    ['500', 500],
    ['007', 7],
    ['999999999999999', 999999999999999],
    ['12345678901234567890', 12345678901234567890],
  ])('parses the float %j', (s, v) => {
    expect(goParseFloat(s)).toEqual({ ok: true, value: v });
  });

  it.each(['', ' 1', '1 ', '1_000', '0x10', 'nan1', '+nan', '5O0'])('refuses the float %j', (s) => {
    expect(goParseFloat(s).ok).toBe(false);
  });

  it('says a huge float is out of range', () => {
    expect(goParseFloat('1e400')).toEqual({ ok: false, error: 'strconv.ParseFloat: parsing "1e400": value out of range' });
  });

  it.each([
    ['1h2m3.5s', 3723.5e9],
    ['-1.5ms', -1.5e6],
    ['850µs', 850e3],
    ['0', 0],
  ])('parses the duration %j', (s, v) => {
    expect(goParseDuration(s)).toEqual({ ok: true, value: v });
  });

  it.each([
    ['1KB', 1000],
    ['1KiB', 1024],
    ['2,048 B', 2048],
    ['1.5mb', 1.5e6],
  ])('parses the size %j', (s, v) => {
    expect(goParseBytes(s)).toEqual({ ok: true, value: v });
  });

  it.each([
    [1024, 1000],
    [2048, 2000],
    [1500, 1500],
    [5, 5],
  ])('compares bytes filter %d as Loki does after re-serialising it (%d)', (v, want) => {
    expect(bytesFilterValue(v)).toBe(want);
  });

  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\n\x01é')).toBe('"a\\"b\\n\\x01é"');
  });
});

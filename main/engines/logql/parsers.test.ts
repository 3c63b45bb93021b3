import { describe, expect, it } from 'vitest';
import { added } from '../../adapters/re2/logql-test-kit';

describe('the json parser', () => {
  it.each([
    ['flattens nested objects with _', '{"a":{"b":{"c":1}},"d":"x"}', { a_b_c: '1', d: 'x' }],
    ['skips arrays and nulls', '{"a":[1,2],"b":null,"c":true}', { c: 'true' }],
    ['keeps numbers as written', '{"n":1.50e3,"m":-0}', { n: '1.50e3', m: '-0' }],
    ['unescapes strings', '{"s":"a\\"b\\u00e9\\n"}', { s: 'a"bé\n' }],
    ['sanitizes keys', '{"a-b":1," 9x ":2,"héllo":3}', { a_b: '1', _9x: '2', h_llo: '3' }],
    ['suffixes a key the stream has with _extracted', '{"job":"x","nested":{"job":"y"}}', { job_extracted: 'x', nested_job: 'y' }],
    ['keeps the first of duplicate keys', '{"a":1,"a":2}', { a: '1' }],
    ['is lenient like jsonparser (trailing text)', '{"a":1} trailing', { a: '1' }],
    ['reports invalid JSON with the library text', 'not json', { __error__: 'JSONParserErr', __error_details__: "Value looks like object, but can't find closing '}' symbol" }],
    ['keeps what it parsed before an error', '{"a":1,"b":}', { a: '1', __error__: 'JSONParserErr', __error_details__: 'Unknown value type' }],
  ])('%s', (_, line, want) => {
    expect(added('{job="t"} | json', line, { job: 'test' })).toEqual(want);
  });

  it.each([
    ['a path with an index', 'r="user.roles[1]"', '{"user":{"roles":["x","y"]}}', { r: 'y' }],
    ['a quoted key', 'ua=`h["User-Agent"]`', '{"h":{"User-Agent":"curl"}}', { ua: 'curl' }],
    ['an object as raw JSON', 'h="h"', '{"h":{"a":1}}', { h: '{"a":1}' }],
    ['a missing path as empty', 'n="no.such", a', '{"a":"1"}', { n: '', a: '1' }],
    ['null as empty', 'a', '{"a":null}', { a: '' }],
    ['an error without details when the line is not JSON', 'a', 'panic: x', { __error__: 'JSONParserErr' }],
  ])('with parameters reads %s', (_, params, line, want) => {
    expect(added(`{job="t"} | json ${params}`, line)).toEqual(want);
  });
});

describe('the logfmt parser', () => {
  it.each([
    ['', 'a=1 b="x y" c= d', { a: '1', b: 'x y' }],
    ['--keep-empty', 'a=1 c= d', { a: '1', c: '', d: '' }],
    ['', 'msg="retrying \\"send\\""', { msg: 'retrying "send"' }],
    ['', 'a=1 =oops b=2', { a: '1', b: '2' }],
    ['--strict', 'a=1 =oops b=2', { a: '1', __error__: 'LogfmtParserErr', __error_details__: "logfmt syntax error at pos 5 : unexpected '='" }],
    ['--strict', 'a=1 msg="open', { a: '1', __error__: 'LogfmtParserErr', __error_details__: 'logfmt syntax error at pos 14 : unterminated quoted value' }],
    ['', 'job=x', { job_extracted: 'x' }],
    ['level, lat="latency"', 'level=info latency=0.3 x=1', { level: 'info', lat: '0.3' }],
    ['user', 'a=1', { user: '' }],
  ])('logfmt %s on %j', (flags, line, want) => {
    expect(added(`{job="t"} | logfmt ${flags}`, line, { job: 'test' })).toEqual(want);
  });
});

describe('the regexp and pattern parsers', () => {
  it.each([
    ['regexp `(?P<user>\\S+) from (?P<ip>[\\d.]+)`', 'bob from 1.2.3.4', { user: 'bob', ip: '1.2.3.4' }],
    ['regexp `(?P<a>x)|(?P<b>y)`', 'y', { a: '', b: 'y' }],
    ['regexp `(?P<a>zzz)`', 'nothing', {}],
    ['pattern "<ip> - <_> [<ts>] <rest>"', '1.2.3.4 - u [t] GET /', { ip: '1.2.3.4', ts: 't', rest: 'GET /' }],
    ['pattern "<a> NOSUCH <b>"', 'x y z', { a: 'x y z' }],
    ['pattern "[<_>] [<level>] <_>"', 'x [a] [b] c', {}],
  ])('%s on %j', (stage, line, want) => {
    expect(added(`{job="t"} | ${stage}`, line)).toEqual(want);
  });

  it('parses unpack: _entry replaces the line and the other keys become labels', () => {
    expect(added('{job="t"} | unpack', '{"container":"api","_entry":"level=info"}')).toEqual({ container: 'api' });
  });

  it('lets the first parser win when two parse the same key', () => {
    expect(added('{job="t"} | json | regexp `(?P<a>\\d)`', '{"a":"x","b":5}')).toEqual({ a: 'x', b: '5' });
    expect(added('{job="t"} | regexp `(?P<a>\\d)` | logfmt', 'a=x 5')).toEqual({ a: '5' });
  });
});

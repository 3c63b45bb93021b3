/**
 * Each parser under Loki's hints (metric query with `by`) beside the same stages as a log
 * query (no hints): what is extracted, where parsing stops, which errors are still seen.
 */
import { describe, expect, it } from 'vitest';
import { added } from '../../adapters/re2/logql-test-kit';
import { extracted } from './test-hints-kit';

const by = (labels: string, stages: string): string => `sum by (${labels}) (count_over_time({job="t"} ${stages} [1m]))`;

describe('the logfmt parsers under hints', () => {
  it.each([
    ['extract only the required keys', 'level', '| logfmt', 'ts=1 level=info msg=hi', { level: 'info' }, { ts: '1', level: 'info', msg: 'hi' }],
    ['keep the first duplicate in both cases (a key already extracted is skipped)', 'level', '| logfmt', 'level=info level=error', { level: 'info' }, { level: 'info' }],
    ['with a parameter, keep the first duplicate only when hinted (the scan stops there)', 'level', '| logfmt level', 'level=info msg=x level=error', { level: 'info' }, { level: 'error' }],
    ['do not see a strict syntax error past the stop point', 'level', '| logfmt --strict', 'level=info msg="open', { level: 'info' }, { level: 'info', __error__: 'LogfmtParserErr', __error_details__: 'logfmt syntax error at pos 21 : unterminated quoted value' }],
    ['still see a strict syntax error before the stop point', 'level', '| logfmt --strict', 'msg="open level=info', { __error__: 'LogfmtParserErr', __error_details__: 'logfmt syntax error at pos 21 : unterminated quoted value' }, { __error__: 'LogfmtParserErr', __error_details__: 'logfmt syntax error at pos 21 : unterminated quoted value' }],
    ['leave a renamed parameter empty unless its source key is required (Loki skips the key)', 'lvl', '| logfmt lvl="level"', 'level=info', { lvl: '' }, { lvl: 'info' }],
    ['read every key when a required one is missing', 'level, user', '| logfmt', 'level=info a=1 user=u', { level: 'info', user: 'u' }, { level: 'info', a: '1', user: 'u' }],
  ])('%s', (_, groups, stages, line, hinted, unhinted) => {
    expect(extracted(by(groups, stages), line)).toEqual(hinted);
    expect(added(`{job="t"} ${stages}`, line)).toEqual(unhinted);
  });
});

describe('the json parsers under hints', () => {
  it.each([
    ['extract only the required fields', 'level', '| json', '{"level":"info","msg":"hi","n":1}', { level: 'info' }, { level: 'info', msg: 'hi', n: '1' }],
    ['stop once every required field is found, missing a later syntax error', 'level', '| json', '{"level":"info","x":}', { level: 'info' }, { level: 'info', __error__: 'JSONParserErr', __error_details__: 'Unknown value type' }],
    ['skip an object no required label starts with, unread', 'a_b', '| json', '{"c":{"e":},"a":{"b":2}}', { a_b: '2' }, { __error__: 'JSONParserErr', __error_details__: 'Unknown value type' }],
    ['descend into an object a required label starts with', 'req_id', '| json', '{"req":{"id":"r1","x":1}}', { req_id: 'r1' }, { req_id: 'r1', req_x: '1' }],
    ['still report an error met before the required fields', 'level', '| json', '{"x":,"level":"info"}', { __error__: 'JSONParserErr', __error_details__: 'Unknown value type' }, { __error__: 'JSONParserErr', __error_details__: 'Unknown value type' }],
    ['add __preserve_error__ to a parser error when __error__ is required', '__error__', '| json', 'not json', { __error__: 'JSONParserErr', __error_details__: "Value looks like object, but can't find closing '}' symbol", __preserve_error__: 'true' }, { __error__: 'JSONParserErr', __error_details__: "Value looks like object, but can't find closing '}' symbol" }],
    ['extract json parameters whether required or not', 'level', '| json a="x"', '{"x":"1","level":"info"}', { a: '1' }, { a: '1' }],
    ['skip a parser once an earlier one found every required label', 'level', '| logfmt | json', 'level=info', { level: 'info' }, { level: 'info', __error__: 'JSONParserErr', __error_details__: "Value looks like object, but can't find closing '}' symbol" }],
    ['unpack only the required keys', 'level', '| unpack', '{"level":"info","_entry":"hello","x":"1"}', { level: 'info' }, { level: 'info', x: '1' }],
  ])('%s', (_, groups, stages, line, hinted, unhinted) => {
    expect(extracted(by(groups, stages), line)).toEqual(hinted);
    expect(added(`{job="t"} ${stages}`, line)).toEqual(unhinted);
  });
});

describe('the regexp and pattern parsers under hints', () => {
  it.each([
    ['regexp captures only the required names', 'level', '| regexp `(?P<level>\\w+) (?P<msg>.*)`', 'info hello', { level: 'info' }, { level: 'info', msg: 'hello' }],
    ['pattern captures only the required names', 'level', '| pattern `<level> <msg>`', 'info hello', { level: 'info' }, { level: 'info', msg: 'hello' }],
  ])('%s', (_, groups, stages, line, hinted, unhinted) => {
    expect(extracted(by(groups, stages), line)).toEqual(hinted);
    expect(added(`{job="t"} ${stages}`, line)).toEqual(unhinted);
  });
});

describe('label filters run early (ShouldContinueParsingLine)', () => {
  const relabel = '| logfmt | label_format level="{{.other}}" | level="x"';
  it.each([
    ['a log query drops the line when the parser sets a mismatching label, before label_format changes it', `{job="t"} ${relabel}`, null],
    ['a no-op filter ahead shifts the names, so the early check runs the no-op', `{job="t"} | logfmt | foo=~".*" | label_format level="{{.other}}" | level="x"`, { level: 'x', other: 'x' }],
  ])('%s', (_, query, want) => {
    expect(added(query, 'level=info other=x')).toEqual(want);
  });

  it('a metric query grouped by labels keeps the line (its hints carry no filters; the template asks for other)', () => {
    expect(extracted(by('level', relabel), 'level=info other=x')).toEqual({ level: 'x', other: 'x' });
  });
});

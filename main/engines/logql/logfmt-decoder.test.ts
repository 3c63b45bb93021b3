/**
 * The char-code logfmt decoder (one instance reused line after line) and the label-name fast
 * path: edges the rewrite touched — escapes, invalid UTF-8 in keys, stray quotes and `=`,
 * duplicate keys, names needing sanitizing — and no state leaking from one line to the next.
 */
import { describe, expect, it } from 'vitest';
import { added } from '../../adapters/re2/logql-test-kit';
import { LabelsBuilder } from './labels-builder';
import { logfmtParser } from './logfmt';
import { sanitizeLabelKey } from './stage';

describe('the logfmt decoder', () => {
  it.each([
    ['quoted escapes and unicode', 'msg="a \\"b\\" \\u00e9 \\ud83d\\ude00" x=1', { msg: 'a "b" é 😀', x: '1' }],
    ['a lone surrogate escape becomes U+FFFD, then a space', 'msg="\\ud800"', { msg: ' ' }],
    ['duplicate keys: the first value is kept (a key already extracted is skipped)', 'a=1 a=2', { a: '1' }],
    ['names sanitized: digits, dashes, dots, non-ASCII', '1st=a dash-k=b a.b=c é=d', { _1st: 'a', dash_k: 'b', a_b: 'c', _: 'd' }],
    ['a key clashing with a stream label', 'job=j', { job_extracted: 'j' }],
    ['a stray quote in a value skips the pair', 'a=b"c d=e', { d: 'e' }],
  ])('%s', (_, line, want) => {
    expect(added('{job="test"} | logfmt', line)).toEqual(want);
  });

  it('reports strict errors with UTF-8 byte positions', () => {
    expect(added('{job="test"} | logfmt --strict', 'é=1 x="open')).toEqual({ _: '1', __error__: 'LogfmtParserErr', __error_details__: 'logfmt syntax error at pos 13 : unterminated quoted value' });
  });

  it('carries nothing from one line to the next (the decoder is reused)', () => {
    const stage = logfmtParser(true, false);
    const lbs = new LabelsBuilder({ job: 'x' });
    stage.process(0n, 'a="open', lbs);
    expect(lbs.err).toBe('LogfmtParserErr');
    lbs.reset();
    expect(stage.process(0n, 'b=2', lbs)).toBe('b=2');
    expect(lbs.toLabels()).toEqual({ b: '2', job: 'x' });
  });
});

describe('label names', () => {
  it.each([
    ['level', 'level'],
    ['_x9', '_x9'],
    ['9x', '_9x'],
    [' a b ', 'a_b'],
    ['\u00a0a', 'a'],
    ['😀', '_'],
    ['', ''],
  ])('%j → %j', (key, want) => {
    expect(sanitizeLabelKey(key)).toBe(want);
    expect(sanitizeLabelKey(key)).toBe(want); // second call: from the cache
  });
});

import { describe, expect, it } from 'vitest';
import { parsePromql } from '../../../shared/promql/parse.js';
import { decodeUtf8KeepingBytes, isValidLabelName } from '../../../shared/promql/literals.js';
import { quoteGoBytes } from './go-quote.js';

/** The value of a PromQL string literal as the parser reads it. */
function literal(text: string): string {
  const r = parsePromql(text);
  if (!r.ok || r.expr.kind !== 'string') throw new Error(`not a string literal: ${text}`);
  return r.expr.value;
}

describe('PromQL strings keep the bytes Go keeps', () => {
  it.each([
    ['an escaped invalid byte is printed back as \\x by %q', String.raw`"a\xc5z"`, String.raw`"a\xc5z"`, false],
    ['an escaped valid UTF-8 sequence is one character', String.raw`"\xc3\xa9"`, '"é"', true],
    ['an octal escape of an invalid byte is kept too', String.raw`"\377"`, String.raw`"\xff"`, false],
    ['a truncated sequence keeps each of its bytes', String.raw`"\xe2\x82"`, String.raw`"\xe2\x82"`, false],
    ['an encoded surrogate is invalid UTF-8 in Go', String.raw`"\xed\xa0\x80"`, String.raw`"\xed\xa0\x80"`, false],
    ['U+FFFD written as text is a valid label name', '"a\uFFFDz"', '"a\uFFFDz"', true],
    ['control characters are escaped as strconv.Quote does', String.raw`"a\tb\x01"`, String.raw`"a\tb\x01"`, true],
  ])('%s', (_name, source, quoted, valid) => {
    const value = literal(source);
    expect(quoteGoBytes(value)).toBe(quoted);
    expect(isValidLabelName(value)).toBe(valid);
  });

  it('decodes a 4-byte sequence to one code point and rejects one above U+10FFFF', () => {
    expect(decodeUtf8KeepingBytes(Uint8Array.from([0xf0, 0x9f, 0x98, 0x80]))).toBe('😀');
    expect(quoteGoBytes(decodeUtf8KeepingBytes(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])))).toBe(String.raw`"\xf4\x90\x80\x80"`);
  });
});

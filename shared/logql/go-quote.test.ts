import { describe, expect, it } from 'vitest';
import { quoteGo, quoteRuneGo } from './go-strings';

describe('Go quoting (strconv.Quote), the one the code base shares', () => {
  it.each([
    ['plain text stays', 'error', '"error"'],
    ['quotes and backslashes are escaped', 'a"b\\c', '"a\\"b\\\\c"'],
    ['control characters use their short escapes', '\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['other C0 controls and DEL are \\x escapes', '\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['a no-break space is not printable in Go', '\u00a0', '"\\u00a0"'],
    ['a soft hyphen is not printable in Go', '\u00ad', '"\\u00ad"'],
    ['a zero-width space is escaped', '\u200b', '"\\u200b"'],
    ['a byte-order mark is escaped', '\ufeff', '"\\ufeff"'],
    ['letters with accents and emoji stay', 'é😀', '"é😀"'],
    ['a private-use rune beyond the BMP is a \\U escape', '\u{10ffff}', '"\\U0010ffff"'],
    ['a lone surrogate (invalid UTF-8 in Go) becomes U+FFFD', '\ud800', '"\ufffd"'],
  ])('%s', (_name, input, expected) => {
    expect(quoteGo(input)).toBe(expected);
  });

  it('quotes to ASCII with asciiOnly, as QuoteToASCII', () => {
    expect(quoteGo('é😀', true)).toBe('"\\u00e9\\U0001f600"');
  });

  it('quotes a rune as QuoteRune', () => {
    expect(quoteRuneGo(0x27)).toBe("'\\''");
    expect(quoteRuneGo(0xd800)).toBe("'\ufffd'");
  });
});

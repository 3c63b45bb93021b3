import { describe, expect, it } from 'vitest';
import { nodeDecoder } from '../../adapters/fs/node-ports';
import { decodeForDisplay } from './display-line';
import type { TextEncodingName } from './ports';

const enc = new TextEncoder();
function utf16(s: string, le: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (le ? 0 : 1)] = c & 0xff;
    out[2 * i + (le ? 1 : 0)] = c >> 8;
  }
  return out;
}

describe('decodeForDisplay', () => {
  it.each([
    { name: 'strips LF', bytes: enc.encode('hello\n'), encoding: 'utf-8', text: 'hello', len: 5 },
    { name: 'strips CRLF', bytes: enc.encode('hello\r\n'), encoding: 'utf-8', text: 'hello', len: 5 },
    { name: 'keeps a last line without newline', bytes: enc.encode('end'), encoding: 'utf-8', text: 'end', len: 3 },
    { name: 'shows invalid UTF-8 as U+FFFD', bytes: new Uint8Array([0x61, 0xff, 0xc3, 0x62, 10]), encoding: 'utf-8', text: 'a\uFFFD\uFFFDb', len: 4 },
    { name: 'decodes UTF-16 LE with CRLF', bytes: utf16('héllo\r\n', true), encoding: 'utf-16le', text: 'héllo', len: 10 },
    { name: 'decodes UTF-16 BE', bytes: utf16('€uro\n', false), encoding: 'utf-16be', text: '€uro', len: 8 },
  ] as { name: string; bytes: Uint8Array; encoding: TextEncodingName; text: string; len: number }[])(
    '$name',
    ({ bytes, encoding, text, len }) => {
      expect(decodeForDisplay(bytes, new Uint8Array(0), bytes.length, encoding, nodeDecoder)).toEqual({
        text,
        truncated: false,
        byteLength: len,
      });
    },
  );

  it('truncates a long line at the cap on a character boundary and keeps its real length', () => {
    const line = enc.encode('ab' + 'é'.repeat(20) + '\r\n'); // 2 + 40 bytes + CRLF
    const cap = 7; // falls inside the third é
    const head = line.subarray(0, cap + 4);
    const tail = line.subarray(line.length - 4);
    const got = decodeForDisplay(head, tail, line.length, 'utf-8', nodeDecoder, cap);
    expect(got).toEqual({ text: 'abéé', truncated: true, byteLength: 42 });
  });
});

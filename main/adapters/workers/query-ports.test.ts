/** The byte scanner's Node ports: the short-range line-end searches agree with Buffer's own at every offset. */
import { describe, expect, it } from 'vitest';
import { nodeScanPorts as P } from './query-ports';

/** Newlines at gaps from 0 to 700 bytes apart, so searches end inside and past the JS loop's reach. */
function sample(): Buffer {
  const parts: string[] = [];
  for (const gap of [0, 1, 5, 255, 256, 257, 700, 3]) parts.push('x'.repeat(gap), '\n');
  return Buffer.from('ab' + parts.join('') + 'tail');
}

describe('node scan ports', () => {
  const buf = sample();
  it.each([
    ['a newline', 10],
    ['a byte that is not there', 7],
  ])('find %s forward from every offset as Buffer#indexOf does', (_, byte) => {
    for (let from = 0; from <= buf.length + 2; from++) expect([from, P.indexOfByte(buf, byte, from)]).toEqual([from, buf.indexOf(byte, from)]);
  });
  it.each([
    ['a newline', 10],
    ['a byte that is not there', 7],
  ])('find %s backward from every offset as Buffer#lastIndexOf does (-1 before the start)', (_, byte) => {
    for (let from = -2; from <= buf.length + 2; from++) expect([from, P.lastIndexOfByte(buf, byte, from)]).toEqual([from, from < 0 ? -1 : buf.lastIndexOf(byte, from)]);
  });
  it('search a subarray within its own bounds', () => {
    const sub = buf.subarray(3, 600);
    for (let from = 0; from < sub.length; from += 7) {
      expect(P.indexOfByte(sub, 10, from)).toBe(sub.indexOf(10, from));
      expect(P.lastIndexOfByte(sub, 10, from)).toBe(sub.lastIndexOf(10, from));
    }
  });
});

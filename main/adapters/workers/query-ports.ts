/** The byte scanner's ports on Node's Buffer (memmem/memchr search, simdutf checks) and RE2 over bytes. */
import { isAscii, isUtf8 } from 'node:buffer';
import RE2 from 're2';
import type { ScanPorts } from '../../engines/logql/scan/ports';

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

// utf8Slice is the native core of toString('utf8') (same replacement of invalid sequences as
// TextDecoder), without its argument checks; undeclared in @types/node.
type Slicer = { utf8Slice(start: number, end: number): string };

/**
 * Line ends are searched for around each hit and line after line: most are within a line's
 * length, and a JS loop over that many bytes costs less than Buffer#indexOf's argument
 * handling; farther ones go to the native memchr.
 */
const SHORT = 256;

export const nodeScanPorts: ScanPorts = {
  indexOf: (hay, needle, from, end) => {
    const h = asBuffer(hay).indexOf(needle, from);
    return h === -1 || h + needle.length > end ? -1 : h;
  },
  indexOfByte: (hay, byte, from) => {
    const lim = Math.min(hay.length, from + SHORT);
    for (let i = from; i < lim; i++) if (hay[i] === byte) return i;
    return lim >= hay.length ? -1 : asBuffer(hay).indexOf(byte, lim);
  },
  lastIndexOfByte: (hay, byte, from) => {
    if (from < 0) return -1;
    const top = Math.min(from, hay.length - 1);
    const lim = Math.max(0, top - SHORT);
    for (let i = top; i >= lim; i--) if (hay[i] === byte) return i;
    return lim === 0 ? -1 : asBuffer(hay).lastIndexOf(byte, lim - 1);
  },
  utf8: (hay, start, end) => (asBuffer(hay) as unknown as Slicer).utf8Slice(start, end),
  encode: (s) => Buffer.from(s, 'utf8'),
  isAscii: (hay, start, end) => isAscii(hay.subarray(start, end)),
  isUtf8: (hay, start, end) => isUtf8(hay.subarray(start, end)),
  equal: (a, as, ae, b, bs, be) => ae - as === be - bs && asBuffer(a).compare(b, bs, be, as, ae) === 0,
  compileSearch: (pattern) => {
    let re: RE2;
    try {
      re = new RE2(`(?m:${pattern})`, 'g');
    } catch {
      return null;
    }
    // On a Buffer, RE2 works in bytes: lastIndex and index are byte offsets.
    return (hay, from, end) => {
      const buf = asBuffer(hay);
      re.lastIndex = from;
      const m = re.exec(end === buf.length ? buf : buf.subarray(0, end));
      return m ? m.index : -1;
    };
  },
};

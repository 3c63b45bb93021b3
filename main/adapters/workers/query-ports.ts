/** The byte scanner's ports on Node's Buffer (memmem/memchr search, simdutf checks) and RE2 over bytes. */
import { isAscii, isUtf8 } from 'node:buffer';
import RE2 from 're2';
import type { ScanPorts } from '../../engines/logql/scan/ports';

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

// utf8Slice is the native core of toString('utf8') (same replacement of invalid sequences as
// TextDecoder), without its argument checks; undeclared in @types/node.
type Slicer = { utf8Slice(start: number, end: number): string };

export const nodeScanPorts: ScanPorts = {
  indexOf: (hay, needle, from, end) => {
    const h = asBuffer(hay).indexOf(needle, from);
    return h === -1 || h + needle.length > end ? -1 : h;
  },
  indexOfByte: (hay, byte, from) => asBuffer(hay).indexOf(byte, from),
  lastIndexOfByte: (hay, byte, from) => (from < 0 ? -1 : asBuffer(hay).lastIndexOf(byte, from)),
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

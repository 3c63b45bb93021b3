/** The sources engine's ports, implemented with Node's Buffer (memchr search, native latin1) and TextDecoder. */
import type { ByteSearch, TextDecodePort, TextEncodingName } from '../../engines/sources/index';

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

export const nodeByteSearch: ByteSearch = {
  indexOf: (buf, byte, from) => (Buffer.isBuffer(buf) ? buf.indexOf(byte, from) : asBuffer(buf).indexOf(byte, from)),
};

// fatal: false → invalid sequences become U+FFFD; ignoreBOM: the index already skipped it.
const decoders: Record<TextEncodingName, TextDecoder> = {
  'utf-8': new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: false, ignoreBOM: true }),
};

// Buffer#latin1Slice is the native, bounds-checked core of toString('latin1') without its
// argument juggling; it is undeclared in @types/node, hence the cast.
type Latin1Slicer = { latin1Slice(start: number, end: number): string };

export const nodeDecoder: TextDecodePort = {
  decode: (bytes, encoding) => decoders[encoding].decode(bytes),
  latin1: (bytes, start, end) => (asBuffer(bytes) as unknown as Latin1Slicer).latin1Slice(start, end),
};

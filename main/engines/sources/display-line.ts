/**
 * Line bytes → display text: the newline and a CR before it stripped, invalid UTF-8 shown as
 * U+FFFD (by the decode port), and lines longer than the cap cut at a character boundary
 * with `truncated: true` and their real byte length, so a 10 MB line never becomes a 10 MB
 * string in the UI while its neighbours display normally.
 */
import type { TextDecodePort, TextEncodingName } from './ports';
import { unitSize } from './encoding-sniff';

/** Display cap in bytes (64 KiB). Readers fetch DISPLAY_CAP + 4 bytes of a longer line. */
export const DISPLAY_CAP = 64 * 1024;

export interface DecodedLine {
  text: string;
  truncated: boolean;
  /** Bytes of the line's content, newline and CR excluded (all of it, also when truncated). */
  byteLength: number;
}

/**
 * `head`: the line's first min(fullLength, cap + 4) bytes. `tail`: its last ≤ 4 bytes (needed
 * only when fullLength exceeds head.length, to see how the line ends). `fullLength` counts
 * the line's bytes with its newline, as the index gives them (next start − start).
 */
export function decodeForDisplay(
  head: Uint8Array,
  tail: Uint8Array,
  fullLength: number,
  encoding: TextEncodingName,
  decoder: TextDecodePort,
  cap = DISPLAY_CAP,
): DecodedLine {
  const end = fullLength <= head.length ? head.subarray(0, fullLength) : tail;
  const byteLength = fullLength - terminatorLength(end, encoding);
  if (byteLength <= cap) {
    return { text: decoder.decode(head.subarray(0, byteLength), encoding), truncated: false, byteLength };
  }
  const cut = charBoundary(head, cap, encoding);
  return { text: decoder.decode(head.subarray(0, cut), encoding), truncated: true, byteLength };
}

/** Length of the trailing `\n` / `\r\n` (in the file's code units) of a line's last bytes. */
export function terminatorLength(end: Uint8Array, encoding: TextEncodingName): number {
  const n = end.length;
  if (unitSize(encoding) === 1) {
    if (end[n - 1] !== 10) return 0;
    return end[n - 2] === 13 ? 2 : 1;
  }
  const le = encoding === 'utf-16le';
  const unitAt = (i: number): number => (i < 0 ? -1 : le ? end[i]! | (end[i + 1]! << 8) : (end[i]! << 8) | end[i + 1]!);
  if (n < 2 || unitAt(n - 2) !== 10) return 0;
  return n >= 4 && unitAt(n - 4) === 13 ? 4 : 2;
}

/** The largest cut ≤ cap that does not split a character (bytes[cap] must be readable). */
function charBoundary(bytes: Uint8Array, cap: number, encoding: TextEncodingName): number {
  if (encoding === 'utf-8') {
    let k = cap;
    // A continuation byte at the cut means a character straddles it: cut before that character.
    while (k > cap - 3 && k > 0 && (bytes[k]! & 0xc0) === 0x80) k--;
    return k;
  }
  let k = cap - (cap % 2);
  const hiByte = encoding === 'utf-16le' ? bytes[k - 1]! : bytes[k - 2]!;
  if (hiByte >= 0xd8 && hiByte <= 0xdb) k -= 2; // a high surrogate whose pair is past the cut
  return k;
}

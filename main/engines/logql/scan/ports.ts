/**
 * What the byte scanner needs from the platform (main/adapters/workers/query-ports.ts gives
 * Node's Buffer versions: memchr/memmem-speed search, native UTF-8 decoding and validation,
 * RE2 over bytes). Offsets are byte offsets into the array given.
 */
export interface ScanPorts {
  /** First index ≥ from of `needle` in hay[0, end), or -1. */
  indexOf(hay: Uint8Array, needle: Uint8Array, from: number, end: number): number;
  /** First index ≥ from of `byte`, or -1. */
  indexOfByte(hay: Uint8Array, byte: number, from: number): number;
  /** Last index ≤ from of `byte`, or -1. */
  lastIndexOfByte(hay: Uint8Array, byte: number, from: number): number;
  /** hay[start, end) decoded as UTF-8 (invalid sequences → U+FFFD, as TextDecoder does). */
  utf8(hay: Uint8Array, start: number, end: number): string;
  encode(s: string): Uint8Array;
  isAscii(hay: Uint8Array, start: number, end: number): boolean;
  isUtf8(hay: Uint8Array, start: number, end: number): boolean;
  /** True when a[as, ae) and b[bs, be) hold the same bytes. */
  equal(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean;
  /**
   * A chunk-wide search for an RE2 pattern under (?m): the start of the leftmost match at or
   * after `from` in hay[0, end), or -1. Null when the pattern does not compile.
   */
  compileSearch(pattern: string): ((hay: Uint8Array, from: number, end: number) => number) | null;
}

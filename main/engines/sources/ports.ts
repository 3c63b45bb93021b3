/**
 * What the sources engine needs from the platform, injected so the engine stays pure
 * (no node:*, no DOM). main/adapters/fs/node-ports.ts implements them with Buffer and
 * TextDecoder; tests may use the plain-JS fallbacks below.
 */

/** Byte search. Node's Buffer.indexOf (memchr, ~8 GB/s) beats a JS loop by an order of magnitude. */
export interface ByteSearch {
  indexOf(buf: Uint8Array, byte: number, from: number): number;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Text decoding. `decode` must replace invalid sequences with U+FFFD (TextDecoder with
 * fatal: false does). `latin1` maps each byte to one char: the timestamp parsers read the
 * ASCII head of a line, and latin1 is the cheapest way to make a string of it.
 */
export interface TextDecodePort {
  decode(bytes: Uint8Array, encoding: TextEncodingName): string;
  latin1(bytes: Uint8Array, start: number, end: number): string;
}

/** Portable byte search (TypedArray.prototype.indexOf). Correct, slower than Buffer's. */
export const typedArrayByteSearch: ByteSearch = {
  indexOf: (buf, byte, from) => buf.indexOf(byte, from),
};

/** Portable latin1: fine for heads of ≤ a few hundred bytes. */
export function latin1Js(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

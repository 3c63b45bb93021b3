/**
 * Decides from the first block of a file how to read it: UTF-8 (the default, also for
 * ASCII and latin1-ish files, whose stray bytes display as U+FFFD), UTF-16 with a BOM, or
 * binary. Binary follows grep's rule: a NUL byte in the first block means "not text".
 * UTF-16 without a BOM is full of NULs and is therefore reported as binary too.
 */
import type { TextEncodingName } from './ports';

/** How much of the file's start the caller should pass (grep reads 32 KiB). */
export const SNIFF_BYTES = 32 * 1024;

export type EncodingSniff =
  | { kind: 'text'; encoding: TextEncodingName; bomLength: number }
  | { kind: 'binary'; nulAt: number };

export function sniffEncoding(head: Uint8Array): EncodingSniff {
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xff && b1 === 0xfe) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
  const bom8 = b0 === 0xef && b1 === 0xbb && head[2] === 0xbf ? 3 : 0;
  const nulAt = head.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nulAt >= 0) return { kind: 'binary', nulAt };
  return { kind: 'text', encoding: 'utf-8', bomLength: bom8 };
}

/** Bytes per code unit: newlines are searched as 1-byte or 2-byte units. */
export function unitSize(encoding: TextEncodingName): 1 | 2 {
  return encoding === 'utf-8' ? 1 : 2;
}

/**
 * Splits a byte stream, fed chunk by chunk in order, into lines: for each complete line it
 * reports the line's start offset and its first `headBytes` bytes (what a timestamp parser
 * needs) without copying or decoding the rest. Lines may span any number of chunks (a 10 MB
 * line costs one head copy, not 10 MB of buffering).
 *
 * UTF-8 newlines are found with the ByteSearch port on the whole chunk (memchr speed); UTF-16
 * newlines are 2-byte units at even offsets from the text start (after the BOM).
 */
import type { ByteSearch, TextEncodingName } from './ports';
import { unitSize } from './encoding-sniff';

/** Called once per line. The head is bytes[headStart, headEnd) and excludes the newline. */
export type LineCallback = (start: number, bytes: Uint8Array, headStart: number, headEnd: number) => void;

export interface LineSplitterOptions {
  search: ByteSearch;
  encoding: TextEncodingName;
  /** Absolute offset of the first byte that will be pushed. */
  startOffset: number;
  /** Bytes before this absolute offset are not text (the BOM). */
  textStart: number;
  headBytes: number;
}

export class LineSplitter {
  private pos: number; // absolute offset of the next byte to scan (a held UTF-16 half unit excluded)
  private readonly unit: 1 | 2;
  private pending = false; // a line has started but its newline has not arrived
  private pendingStart = 0;
  private readonly carry: Uint8Array; // head of the pending line
  private carryLen = 0;
  private odd: Uint8Array | null = null; // UTF-16: a half code unit left from the last chunk

  constructor(private readonly opts: LineSplitterOptions) {
    this.pos = opts.startOffset;
    this.unit = unitSize(opts.encoding);
    this.carry = new Uint8Array(opts.headBytes);
  }

  /** Absolute offset just past the last complete line (where a follower resumes). */
  get completeEnd(): number {
    return this.pending ? this.pendingStart : this.pos; // pos excludes a held half unit
  }

  get hasPartial(): boolean {
    return this.pending;
  }

  push(input: Uint8Array, onLine: LineCallback): void {
    let chunk = input;
    let base = this.pos;
    if (base < this.opts.textStart) {
      const skip = Math.min(chunk.length, this.opts.textStart - base);
      chunk = chunk.subarray(skip);
      base += skip;
      this.pos = base;
    }
    if (this.unit === 2) {
      if (this.odd) {
        const merged = new Uint8Array(this.odd.length + chunk.length);
        merged.set(this.odd);
        merged.set(chunk, this.odd.length);
        chunk = merged;
        this.odd = null;
      }
      if ((base - this.opts.textStart + chunk.length) % 2 === 1) {
        this.odd = chunk.slice(chunk.length - 1);
        chunk = chunk.subarray(0, chunk.length - 1);
      }
    }
    this.pos = base + chunk.length;
    const head = this.opts.headBytes;
    let p = 0;
    if (this.pending) {
      const nl = this.findNewline(chunk, 0, base);
      const contentEnd = nl < 0 ? chunk.length : nl;
      const take = Math.min(contentEnd, head - this.carryLen);
      if (take > 0) {
        this.carry.set(chunk.subarray(0, take), this.carryLen);
        this.carryLen += take;
      }
      if (nl < 0) return;
      this.pending = false;
      onLine(this.pendingStart, this.carry, 0, this.carryLen);
      p = nl + this.unit;
    }
    if (this.unit === 1) {
      // The hot loop: one memchr per line, no allocation.
      const search = this.opts.search;
      let nl: number;
      while ((nl = search.indexOf(chunk, 10, p)) !== -1) {
        onLine(base + p, chunk, p, nl - p > head ? p + head : nl);
        p = nl + 1;
      }
    } else {
      let nl: number;
      while ((nl = this.findNewline(chunk, p, base)) !== -1) {
        onLine(base + p, chunk, p, nl - p > head ? p + head : nl);
        p = nl + 2;
      }
    }
    if (p < chunk.length) {
      this.pending = true;
      this.pendingStart = base + p;
      this.carryLen = Math.min(head, chunk.length - p);
      this.carry.set(chunk.subarray(p, p + this.carryLen));
    }
  }

  /** Ends the stream; a last line without newline counts when includePartial (not when following). */
  finish(onLine: LineCallback, includePartial: boolean): void {
    if (this.pending && includePartial) {
      this.pending = false;
      onLine(this.pendingStart, this.carry, 0, this.carryLen);
    }
  }

  /** Index of the newline unit's first byte at or after `from`, or -1. */
  private findNewline(chunk: Uint8Array, from: number, base: number): number {
    if (this.unit === 1) return this.opts.search.indexOf(chunk, 10, from);
    const le = this.opts.encoding === 'utf-16le';
    // Parity of chunk index i relative to the text start: unit boundaries are where it is even.
    const parity = (base - this.opts.textStart) & 1;
    for (let i = from; i + 1 < chunk.length; i += 2) {
      if ((i + parity) & 1) i++;
      if (i + 1 >= chunk.length) break;
      if (le ? chunk[i] === 10 && chunk[i + 1] === 0 : chunk[i] === 0 && chunk[i + 1] === 10) return i;
    }
    return -1;
  }
}

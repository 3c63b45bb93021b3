/**
 * Turns the head of each line into a timestamp, in file order: the sniffed format first,
 * any known format as fallback (mixed files, e.g. ISO lines among logfmt ones), and the
 * year for year-less formats (syslog, logcat) from the caller plus the Dec→Jan rollovers
 * seen so far. Lines with no timestamp give NaN (the index makes them inherit).
 */
import type { TimestampFormat } from './detect/index';
import { parseAnyTimestamp } from './detect/index';
import type { TextDecodePort, TextEncodingName } from './ports';

/** A year-less timestamp this far before the previous one means the year turned over. */
export const ROLLOVER_GAP_MS = 180 * 86_400_000;

/** Max head bytes any format may need (JSON / logfmt keys can sit anywhere early in the line). */
export const MAX_HEAD_BYTES = 1024;

/** How many head bytes the sniffed format needs on its fast path; the fallback gets MAX_HEAD_BYTES. */
export function headBytesFor(format: TimestampFormat | null): number {
  if (!format) return MAX_HEAD_BYTES;
  if (format.name === 'json' || format.name === 'logfmt') return MAX_HEAD_BYTES;
  if (format.name === 'apache-access') return 256;
  return 64; // `[Sun Dec 04 04:47:44.123456 2005]`, `2024-01-02T03:04:05.123456789+02:00` + priority
}

/** What a tracker carries from one part of a file to the next (for split indexing). */
export interface TrackerState {
  yearOffset: number;
  /** Last parsed (raw, not clamped) timestamp; NaN before the first. */
  lastTs: number;
}

export class TimestampTracker {
  readonly state: TrackerState;
  private readonly shortHead: number;
  private lastFallback: TimestampFormat | null = null;
  /** Lines that had no timestamp in the sniffed format but one in another. */
  fallbackHits = 0;

  constructor(
    private readonly format: TimestampFormat | null,
    private readonly year: number,
    private readonly decoder: TextDecodePort,
    private readonly encoding: TextEncodingName,
    state?: TrackerState,
  ) {
    this.state = state ? { ...state } : { yearOffset: 0, lastTs: NaN };
    this.shortHead = headBytesFor(format);
  }

  /** Epoch ms of the line whose head is bytes[hs, he), or NaN. */
  /** The timestamp parse() would give, leaving the tracker as it was (a provisional line). */
  peek(bytes: Uint8Array, he: number): number {
    const saved = { ...this.state };
    const fallback = this.lastFallback;
    const ts = this.parse(bytes, 0, he);
    Object.assign(this.state, saved);
    this.lastFallback = fallback;
    return ts;
  }

  parse(bytes: Uint8Array, hs: number, he: number): number {
    let ts = NaN;
    let format = this.format;
    if (format) {
      ts = format.parse(this.text(bytes, hs, Math.min(he, hs + this.shortHead)), this.year + this.state.yearOffset);
    }
    if (Number.isNaN(ts)) {
      // Mixed files alternate between a few layouts: try the last fallback format first
      // (one parse) before all of them (up to a dozen).
      const text = this.text(bytes, hs, he);
      const year = this.year + this.state.yearOffset;
      ts = this.lastFallback ? this.lastFallback.parse(text, year) : NaN;
      if (Number.isNaN(ts)) {
        const any = parseAnyTimestamp(text, year);
        if (!any) return NaN;
        ts = any.ts;
        this.lastFallback = any.format;
      }
      format = this.lastFallback!;
      this.fallbackHits++;
    }
    return this.rollover(ts, format!, bytes, hs, he);
  }

  private rollover(ts: number, format: TimestampFormat, bytes: Uint8Array, hs: number, he: number): number {
    const last = this.state.lastTs;
    if (!format.hasYear && ts < last - ROLLOVER_GAP_MS) {
      const next = format.parse(this.text(bytes, hs, he), this.year + this.state.yearOffset + 1);
      if (!Number.isNaN(next) && next >= last - ROLLOVER_GAP_MS) {
        this.state.yearOffset++;
        ts = next;
      }
    }
    this.state.lastTs = ts;
    return ts;
  }

  private text(bytes: Uint8Array, hs: number, he: number): string {
    return this.encoding === 'utf-8'
      ? this.decoder.latin1(bytes, hs, he)
      : this.decoder.decode(bytes.subarray(hs, he), this.encoding);
  }
}

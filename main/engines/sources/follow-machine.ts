/**
 * Following a file (`tail -F`) as a pure state machine. The driver (follow-driver.ts) feeds
 * it observations — what the path names now (identity dev:ino, size, mtime) and the size of
 * the file we hold open — and the bytes it asked for; it answers with the next action and
 * emits complete lines, plus `reset` when the content it followed is gone.
 *
 * - A last line without its newline is held until the newline arrives.
 * - Rotation by rename (the path names another inode): the old file is read to its end
 *   first, its held partial line is emitted, then the new file is read from 0.
 * - copytruncate (same inode, size below our offset): the held partial line is emitted
 *   (the writer's bytes are in the copy; the rest of that line, if any, comes as a new line)
 *   and reading starts again at 0.
 *
 *   Truncation is seen as "size < offset", or — when the writer already wrote ≥ offset bytes
 *   again before we looked — as a change of the file's first bytes (a fingerprint of up to
 *   64 bytes, re-read whenever the mtime moved).
 *
 * The inherent copytruncate race (logrotate's man page warns of its own between copy and
 * truncate): if, before we look, the writer refills the truncated file past our offset AND
 * its first bytes equal the old ones, the truncation is invisible; we then skip the bytes
 * before our offset. Observing often (fs.watch plus a short poll) keeps that window small;
 * it cannot be closed without the writer's help.
 * Likewise with rename rotation, bytes the writer adds to the old file after we switched
 * are not read (logrotate's `delaycompress`/HUP ordering makes that rare).
 */
import type { ByteSearch, TextEncodingName } from './ports';

export interface FileObservation {
  /** Identity of the inode, e.g. `${dev}:${ino}`. */
  id: string;
  size: number;
  mtimeMs: number;
}

/** `check`: read [from, to) and hand it to `checked` (the fingerprint test). */
export type FollowAction = { kind: 'open' } | { kind: 'read'; from: number; to: number } | { kind: 'check'; from: 0; to: number };

const FINGERPRINT_BYTES = 64;

export type FollowEvent =
  | { kind: 'line'; offset: number; bytes: Uint8Array }
  | { kind: 'reset'; reason: 'truncated' | 'rotated'; id: string };

/** Largest read asked for at once; the driver loops for more. */
export const FOLLOW_READ_MAX = 4 * 1024 * 1024;

export class FollowMachine {
  private id: string | null;
  private offset: number; // bytes of the open file consumed (held partial included)
  private held: Uint8Array = new Uint8Array(0);
  private heldAt: number; // offset of the held partial line
  private outbox: FollowEvent[] = [];
  private readonly unit: 1 | 2;
  private fingerprint: Uint8Array = new Uint8Array(0); // first bytes of the open file
  private checkedMtime = NaN; // mtime at which the fingerprint was last verified
  private pendingMtime = NaN;

  constructor(
    private readonly search: ByteSearch,
    private readonly encoding: TextEncodingName = 'utf-8',
    /** Resume point: the file already read up to `offset` (a line start). */
    start: { id: string; offset: number; firstBytes?: Uint8Array } | null = null,
  ) {
    this.id = start?.id ?? null;
    if (start?.firstBytes) this.fingerprint = start.firstBytes.slice(0, Math.min(FINGERPRINT_BYTES, start.offset));
    this.offset = start?.offset ?? 0;
    this.heldAt = this.offset;
    this.unit = encoding === 'utf-8' ? 1 : 2;
  }

  get position(): { id: string | null; offset: number } {
    return { id: this.id, offset: this.offset };
  }

  /** Events produced since the last call. */
  drain(): FollowEvent[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** The next thing to do given fresh observations, or null when caught up. */
  next(path: FileObservation | null, open: FileObservation | null): FollowAction | null {
    if (this.id === null || open === null) return path ? { kind: 'open' } : null;
    const rotated = path !== null && path.id !== this.id;
    if (!rotated && open.size < this.offset) this.truncated();
    else if (!rotated && this.fingerprint.length > 0 && open.mtimeMs !== this.checkedMtime) {
      this.pendingMtime = open.mtimeMs;
      return { kind: 'check', from: 0, to: this.fingerprint.length };
    }
    if (open.size > this.offset) return { kind: 'read', from: this.offset, to: Math.min(open.size, this.offset + FOLLOW_READ_MAX) };
    return rotated ? { kind: 'open' } : null;
  }

  /** The file's first bytes, as asked by a `check` action. */
  checked(bytes: Uint8Array): void {
    const fp = this.fingerprint;
    let same = bytes.length === fp.length;
    for (let i = 0; same && i < fp.length; i++) same = bytes[i] === fp[i];
    this.checkedMtime = this.pendingMtime;
    if (!same) this.truncated();
  }

  private truncated(): void {
    this.flushHeld();
    this.outbox.push({ kind: 'reset', reason: 'truncated', id: this.id! });
    this.offset = this.heldAt = 0;
    this.fingerprint = new Uint8Array(0);
  }

  /** The driver opened what the path names; `obs` describes it. */
  opened(obs: FileObservation): void {
    if (this.id !== null && obs.id === this.id) return; // same file (spurious reopen)
    if (this.id !== null) {
      this.flushHeld();
      this.outbox.push({ kind: 'reset', reason: 'rotated', id: obs.id });
    }
    this.id = obs.id;
    this.offset = this.heldAt = 0;
    this.fingerprint = new Uint8Array(0);
  }

  /** Bytes read at `from` (must equal the offset asked for). */
  data(from: number, bytes: Uint8Array): void {
    if (from !== this.offset) return; // stale read after a reset: ignore
    if (from < FINGERPRINT_BYTES && this.fingerprint.length === from) {
      const fp = new Uint8Array(Math.min(FINGERPRINT_BYTES, from + bytes.length));
      fp.set(this.fingerprint);
      fp.set(bytes.subarray(0, fp.length - from), from);
      this.fingerprint = fp;
    }
    let buf = bytes;
    if (this.held.length > 0) {
      buf = new Uint8Array(this.held.length + bytes.length);
      buf.set(this.held);
      buf.set(bytes, this.held.length);
    }
    const base = this.heldAt;
    let p = 0;
    for (;;) {
      const nl = this.findNewline(buf, p, base);
      if (nl < 0) break;
      this.outbox.push({ kind: 'line', offset: base + p, bytes: buf.subarray(p, nl + this.unit) });
      p = nl + this.unit;
    }
    this.held = buf.slice(p);
    this.heldAt = base + p;
    this.offset = from + bytes.length;
  }

  /** The partial last line held until its newline: shown provisionally, never emitted as a line. */
  heldLine(): { offset: number; bytes: Uint8Array } | null {
    return this.held.length > 0 ? { offset: this.heldAt, bytes: this.held } : null;
  }

  /** The writer's last bytes without a newline become a line when their file goes away. */
  private flushHeld(): void {
    if (this.held.length > 0) this.outbox.push({ kind: 'line', offset: this.heldAt, bytes: this.held });
    this.held = new Uint8Array(0);
  }

  private findNewline(buf: Uint8Array, from: number, base: number): number {
    if (this.unit === 1) return this.search.indexOf(buf, 10, from);
    const le = this.encoding === 'utf-16le';
    // Lines start on unit boundaries; base is one, so units sit at even buffer indexes.
    for (let i = from + ((from - 0) & 1); i + 1 < buf.length; i += 2) {
      if (le ? buf[i] === 10 && buf[i + 1] === 0 : buf[i] === 0 && buf[i + 1] === 10) return i;
    }
    void base;
    return -1;
  }
}

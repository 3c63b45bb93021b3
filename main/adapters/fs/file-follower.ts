/**
 * Drives the pure FollowMachine with the real file system: fs.watch on the file's folder
 * (it sees renames and re-creates, which a watch on the file itself misses) to react at
 * once, plus polling as the fallback for file systems where watch is silent (NFS, some
 * containers). Steps never overlap; a wake-up during a step schedules one more.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  FollowMachine,
  followStep,
  type FileObservation,
  type FollowEvent,
  type FollowIO,
  type TextEncodingName,
} from '../../engines/sources/index';
import { nodeByteSearch } from './node-ports';

export interface FollowerOptions {
  path: string;
  encoding: TextEncodingName;
  /** Already read: the file `id` up to `offset` (a line start), with its first bytes. */
  start: { id: string; offset: number; firstBytes: Uint8Array };
  pollMs?: number;
  onEvents(events: FollowEvent[]): void;
  /** After every pass: the partial last line now held (null when none), for display. */
  onHeld?(held: { offset: number; bytes: Uint8Array } | null): void;
  onError(e: unknown): void;
}

export function fileId(s: { dev: number; ino: number }): string {
  return `${s.dev}:${s.ino}`;
}

function observation(s: { dev: number; ino: number; size: number; mtimeMs: number }): FileObservation {
  return { id: fileId(s), size: s.size, mtimeMs: s.mtimeMs };
}

export class FileFollower {
  private handle: FileHandle | null = null;
  private readonly machine: FollowMachine;
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private again = false;
  private closed = false;

  constructor(private readonly opts: FollowerOptions) {
    this.machine = new FollowMachine(nodeByteSearch, opts.encoding, opts.start);
  }

  async start(): Promise<void> {
    // No handle yet: the machine asks to open the path; if it is no longer the file we
    // indexed (rotated meanwhile), that open becomes a `reset` and a read from 0.
    try {
      const name = basename(this.opts.path);
      this.watcher = watch(dirname(this.opts.path), (_ev, f) => {
        if (!f || f === name) this.wake();
      });
      this.watcher.on('error', () => undefined); // polling still runs
    } catch {
      // watch unsupported here: polling alone
    }
    this.timer = setInterval(() => this.wake(), this.opts.pollMs ?? 500);
    this.timer.unref?.();
    this.wake();
  }

  /** Runs one catch-up pass now (also what watch and the poll call). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void followStep(this.machine, this.io, (ev) => this.opts.onEvents(ev))
      .then(() => this.opts.onHeld?.(this.machine.heldLine()))
      .catch((e) => this.opts.onError(e))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private readonly io: FollowIO = {
    statPath: async () => {
      try {
        return observation(await stat(this.opts.path));
      } catch {
        return null; // between rename and re-create
      }
    },
    statOpen: async () => (this.handle ? observation(await this.handle.stat()) : null),
    open: async () => {
      try {
        const h = await open(this.opts.path, 'r');
        await this.handle?.close().catch(() => undefined);
        this.handle = h;
        return observation(await h.stat());
      } catch {
        return null;
      }
    },
    read: async (from, to) => {
      const buf = Buffer.allocUnsafe(to - from);
      const { bytesRead } = await this.handle!.read(buf, 0, to - from, from);
      return buf.subarray(0, bytesRead);
    },
  };
}

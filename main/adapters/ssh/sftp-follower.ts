/**
 * `tail -F` for a file on an SSH host: the same pure FollowMachine and followStep loop as
 * local files (main/engines/sources), fed by polling over SFTP (there is no remote watch).
 *
 * File identity without inodes. SFTP v3 (what OpenSSH speaks) reports no inode, so "is the
 * path still the file I follow?" is answered from what SFTP does give: the file's first 64
 * bytes and its size. The path names the followed file while its first bytes agree with the
 * followed file's (one may be a prefix of the other: a young file grows; see stillFollowed)
 * and it is at least as long as what was read. Asking the host's `stat` for dev:ino over exec was the
 * alternative, rejected: it needs a shell (SFTP-only accounts have none) whose start-up
 * files run on every command (seconds on some hosts), and GNU stat.
 * - growth: the appended bytes are read from the handle held open, from the offset reached;
 * - copytruncate: the held handle (same inode) shrinks below the offset → read again from 0
 *   (reported as `truncated`);
 * - rename rotation: the path's first bytes differ (or it is shorter than what was read while
 *   the held file is not) → the held file is read to its end, then the new one from 0.
 * Limits: a new file whose first 64 bytes equal the old one's (a fixed banner) is told apart
 * only by its size, so a rotation is missed if the new file grew past the old offset before
 * a poll saw it — the same window as copytruncate's race in follow-machine.ts.
 * A dropped connection blocks the pass until the next connection (SshConnection waits); the
 * old handle is gone, the path is opened again and, if it is the same file by the rule
 * above, reading continues at the saved offset: nothing lost, nothing twice.
 */
import type { SFTPWrapper, Stats } from 'ssh2';
import { FollowMachine, followStep, type FileObservation, type FollowIO } from '../../engines/sources/index';
import type { FollowerOptions } from '../fs/file-follower';
import { nodeByteSearch } from '../fs/node-ports';
import { closeHandle, fstatHandle, openHandle, readHandle } from './remote-files';
import type { SshConnection } from './ssh-connection';
import { OperationStopped, SshFailure } from './ssh-errors';

const PREFIX = 64;

/** One is a prefix of the other. */
function agree(a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The held handle belonged to a connection that is gone: the pass stops, the next one reopens. */
class StaleHandle extends OperationStopped {}

interface Held {
  gen: number;
  sftp: SFTPWrapper;
  handle: Buffer;
}

export class SftpFollower {
  private readonly machine: FollowMachine;
  private held: Held | null = null;
  /** The file followed: its id (as the machine knows it) and first bytes. */
  private known: { id: string; prefix: Uint8Array };
  private refreshPrefix = false;
  private pathCache: { size: number; mtimeMs: number; knownId: string; id: string } | null = null;
  private files = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly conn: SshConnection,
    private readonly opts: FollowerOptions,
  ) {
    this.machine = new FollowMachine(nodeByteSearch, opts.encoding, opts.start);
    this.known = { id: opts.start.id, prefix: opts.start.firstBytes.slice(0, Math.min(PREFIX, opts.start.offset)) };
  }

  /** Where the follower is: the file identity and the byte offset consumed. */
  get position(): { id: string | null; offset: number } {
    return this.machine.position;
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.opts.pollMs ?? 1000);
    this.timer.unref?.();
    this.wake();
  }

  /** One catch-up pass now; passes never overlap (a wake during one schedules another). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const emit = (events: ReturnType<FollowMachine['drain']>): void => {
      if (events.some((e) => e.kind === 'reset')) this.refreshPrefix = true;
      if (!this.closed) this.opts.onEvents(events);
    };
    void followStep(this.machine, this.io, emit)
      .then(() => this.closed || this.opts.onHeld?.(this.machine.heldLine()))
      .catch((e) => {
        if (e instanceof StaleHandle) this.again = true;
        else if (!this.closed) this.opts.onError(e);
      })
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
    if (this.timer) clearInterval(this.timer);
    await this.release(this.held);
    this.held = null;
  }

  private async release(h: Held | null): Promise<void> {
    // Not awaited: on a connection gone silent the answer would wait for keepalive.
    if (h && h.gen === this.conn.generation && this.conn.state().kind === 'ready') void closeHandle(h.sftp, h.handle);
  }

  private currentHeld(gen: number): Held {
    const h = this.held;
    if (!h || h.gen !== gen) throw new StaleHandle('connection replaced');
    return h;
  }

  /** Stat and first bytes of what the path names now (null: missing). */
  private pathNow(): Promise<{ st: Stats; prefix: Uint8Array } | null> {
    const path = this.opts.path;
    return this.conn
      .withSftp(path, async (sftp) => {
        const handle = await openHandle(sftp, path);
        try {
          const st = await fstatHandle(sftp, handle);
          return { st, prefix: await readHandle(sftp, handle, 0, Math.min(PREFIX, st.size)) };
        } finally {
          await closeHandle(sftp, handle);
        }
      })
      .catch((e: unknown) => {
        if (e instanceof SshFailure && e.problem.kind === 'not-found') return null; // between rename and re-create
        throw e;
      });
  }

  /** After a reset, or while the followed file is younger than PREFIX bytes, its first bytes are read again. */
  private async refreshKnownPrefix(): Promise<void> {
    const h = this.held;
    if (!h || h.gen !== this.conn.generation) return;
    if (!this.refreshPrefix && this.known.prefix.length >= PREFIX) return;
    const prefix = await this.conn.withSftp(this.opts.path, (sftp, gen) => readHandle(sftp, this.currentHeld(gen).handle, 0, PREFIX));
    if (this.refreshPrefix || prefix.length > this.known.prefix.length) this.pathCache = null;
    this.refreshPrefix = false;
    this.known.prefix = prefix;
  }

  /** Size and first bytes of the held file now, or null when none is held on this connection. */
  private async heldNow(): Promise<{ size: number; prefix: Uint8Array } | null> {
    const h = this.held;
    if (!h || h.gen !== this.conn.generation) return null;
    return this.conn.withSftp(this.opts.path, async (sftp, gen) => {
      const handle = this.currentHeld(gen).handle;
      const st = await fstatHandle(sftp, handle);
      return { size: st.size, prefix: await readHandle(sftp, handle, 0, PREFIX) };
    });
  }

  /**
   * Whether the path (its first bytes read just before) still names the followed file.
   * With a file held: read after the path's, the held file's first bytes cover the path's if
   * they are one file (it only grows); a held file that shrank or whose first bytes changed
   * was rewritten in place (copytruncate), which the machine handles. With none held (start,
   * after a reconnect): the followed file's first bytes as last known.
   */
  private async stillFollowed(path: { size: number; prefix: Uint8Array }, offset: number): Promise<boolean> {
    const held = await this.heldNow();
    if (!held) return agree(path.prefix, this.known.prefix) && path.size >= offset;
    const oneFile = agree(path.prefix, held.prefix) && held.prefix.length >= path.prefix.length;
    return (oneFile && path.size >= offset) || held.size < offset || !agree(held.prefix, this.known.prefix);
  }

  private readonly io: FollowIO = {
    statPath: async () => {
      const path = this.opts.path;
      await this.refreshKnownPrefix();
      const st = await this.conn.withSftp(path, (sftp) => new Promise<Stats | null>((resolve, reject) => sftp.stat(path, (err, s) => (err ? ((err as { code?: number }).code === 2 ? resolve(null) : reject(err)) : resolve(s)))));
      if (!st) return null;
      const mtimeMs = st.mtime * 1000;
      const c = this.pathCache;
      if (c && c.size === st.size && c.mtimeMs === mtimeMs && c.knownId === this.known.id) return { id: c.id, size: st.size, mtimeMs };
      const now = await this.pathNow();
      if (!now) return null;
      const same = await this.stillFollowed({ size: now.st.size, prefix: now.prefix }, this.machine.position.offset);
      const id = same ? this.known.id : `${this.known.id}>${Buffer.from(now.prefix).toString('hex')}`;
      this.pathCache = { size: now.st.size, mtimeMs: now.st.mtime * 1000, knownId: this.known.id, id };
      return { id, size: now.st.size, mtimeMs: now.st.mtime * 1000 };
    },
    statOpen: async () => {
      const h = this.held;
      if (!h || h.gen !== this.conn.generation) return null; // connection replaced: open again
      const s = await this.conn.withSftp(this.opts.path, (sftp, gen) => fstatHandle(sftp, this.currentHeld(gen).handle));
      return { id: this.known.id, size: s.size, mtimeMs: s.mtime * 1000 };
    },
    open: async () => {
      const path = this.opts.path;
      const live = this.held !== null && this.held.gen === this.conn.generation; // open asked after a rotation
      const opened = await this.conn
        .withSftp(path, async (sftp, gen) => {
          const handle = await openHandle(sftp, path);
          const st = await fstatHandle(sftp, handle);
          return { held: { gen, sftp, handle }, st, prefix: await readHandle(sftp, handle, 0, PREFIX) };
        })
        .catch((e: unknown) => {
          if (e instanceof SshFailure && e.problem.kind === 'not-found') return null; // renamed away meanwhile
          throw e;
        });
      if (!opened) return null;
      const same = !live && agree(opened.prefix, this.known.prefix) && opened.st.size >= this.machine.position.offset;
      const old = this.held;
      this.held = opened.held;
      this.pathCache = null;
      await this.release(old);
      if (!same) this.known = { id: `${this.opts.path}#${++this.files}`, prefix: opened.prefix };
      const obs: FileObservation = { id: this.known.id, size: opened.st.size, mtimeMs: opened.st.mtime * 1000 };
      return obs;
    },
    // Bytes of the held file. If its connection is gone, nothing is fed to the machine (an
    // empty fingerprint read would look like a truncation): the pass ends, the next reopens.
    read: (from, to) => this.conn.withSftp(this.opts.path, (sftp, gen) => readHandle(sftp, this.currentHeld(gen).handle, from, to - from)),
  };
}

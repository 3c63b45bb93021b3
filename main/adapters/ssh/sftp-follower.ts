/**
 * `tail -F` for a file on an SSH host: the same pure FollowMachine and followStep loop as
 * local files (main/engines/sources), fed by polling over SSH (there is no remote watch):
 * - growth: the appended bytes are read over SFTP from the offset reached;
 * - copytruncate: the size drops below the offset (or the first bytes change) → from 0;
 * - rename rotation: the path's identity (dev:ino from the host's `stat`, see
 *   remote-files.ts) changes → the file still held open is read to its end, then the new one
 *   from 0.
 * A dropped connection blocks the pass until the next connection (SshConnection waits);
 * the handle of the old connection is gone, so the path is opened again: the same identity
 * continues at the saved offset (nothing lost, nothing twice); another identity means the
 * file rotated meanwhile and the new one is read from 0 (what the old one got after the
 * drop cannot be found without its new name).
 */
import type { SFTPWrapper } from 'ssh2';
import { FollowMachine, followStep, type FileObservation, type FollowIO } from '../../engines/sources/index';
import type { FollowerOptions } from '../fs/file-follower';
import { nodeByteSearch } from '../fs/node-ports';
import { closeHandle, fstatHandle, openHandle, readHandle, remoteIdentity, statRemote } from './remote-files';
import type { SshConnection } from './ssh-connection';
import { OperationStopped, SshFailure } from './ssh-errors';

/** The identity used when the host cannot tell inodes: constant, so only shrinks reset. */
export const pathIdentity = (path: string): string => `sftp:${path}`;

/** What `path` names now: identity, size, mtime; null when missing. */
export async function observeRemote(conn: SshConnection, path: string, useStat: { value: boolean | null }): Promise<FileObservation | null> {
  if (useStat.value !== false) {
    const r = await remoteIdentity(conn, path);
    if (r !== 'unsupported') {
      useStat.value = true;
      return r;
    }
    useStat.value = false;
  }
  try {
    const s = await statRemote(conn, path);
    return { id: pathIdentity(path), size: s.size, mtimeMs: s.mtimeMs };
  } catch (e) {
    if (e instanceof SshFailure && e.problem.kind === 'not-found') return null;
    throw e;
  }
}

/** The held handle belonged to a connection that is gone: the pass stops, the next one reopens. */
class StaleHandle extends OperationStopped {}

export class SftpFollower {
  private readonly machine: FollowMachine;
  private held: { gen: number; handle: Buffer; sftp: SFTPWrapper; id: string } | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private again = false;
  private closed = false;
  private readonly useStat: { value: boolean | null };

  constructor(
    private readonly conn: SshConnection,
    private readonly opts: FollowerOptions,
    /** Whether the host's `stat` gives identities (known from indexing), or null to find out. */
    useStat: boolean | null = null,
  ) {
    this.machine = new FollowMachine(nodeByteSearch, opts.encoding, opts.start);
    this.useStat = { value: useStat };
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
    void followStep(this.machine, this.io, (ev) => this.closed || this.opts.onEvents(ev))
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
    await this.release();
  }

  private async release(): Promise<void> {
    const h = this.held;
    this.held = null;
    if (h && h.gen === this.conn.generation && this.conn.state().kind === 'ready') await closeHandle(h.sftp, h.handle);
  }

  private readonly io: FollowIO = {
    statPath: () => observeRemote(this.conn, this.opts.path, this.useStat),
    statOpen: async () => {
      const h = this.held;
      if (!h || h.gen !== this.conn.generation) return null; // connection replaced: open again
      const s = await this.conn.withSftp(this.opts.path, (sftp, gen) => {
        if (gen !== h.gen) throw new StaleHandle('connection replaced');
        return fstatHandle(sftp, h.handle);
      });
      return { id: h.id, size: s.size, mtimeMs: s.mtime * 1000 };
    },
    open: async () => {
      // The identity is read before and after opening: equal, the handle is that file.
      for (let tries = 0; tries < 3; tries++) {
        const before = await observeRemote(this.conn, this.opts.path, this.useStat);
        if (!before) return null;
        const opened = await this.conn
          .withSftp(this.opts.path, async (sftp, gen) => ({ gen, sftp, handle: await openHandle(sftp, this.opts.path) }))
          .catch((e: unknown) => {
            if (e instanceof SshFailure && e.problem.kind === 'not-found') return null; // renamed away meanwhile
            throw e;
          });
        if (!opened) continue;
        const after = await observeRemote(this.conn, this.opts.path, this.useStat);
        if (after && after.id === before.id && opened.gen === this.conn.generation) {
          await this.release();
          this.held = { ...opened, id: before.id };
          const s = await this.conn.withSftp(this.opts.path, (sftp) => fstatHandle(sftp, opened.handle));
          return { id: before.id, size: s.size, mtimeMs: s.mtime * 1000 };
        }
        await closeHandle(opened.sftp, opened.handle).catch(() => undefined);
      }
      return null; // rotating right now: the next pass tries again
    },
    // Bytes of the held file. If its connection is gone, nothing is fed to the machine (an
    // empty fingerprint read would look like a truncation): the pass ends, the next reopens.
    read: (from, to) =>
      this.conn.withSftp(this.opts.path, async (sftp, gen) => {
        const h = this.held;
        if (!h || h.gen !== gen) throw new StaleHandle('connection replaced');
        return readHandle(sftp, h.handle, from, to - from);
      }),
  };
}

/**
 * Follows one file for the live run from where it stands (or from a saved position, as
 * Promtail's positions file resumes): the file follower does the rotation work (rename,
 * copytruncate, re-create) and gives whole lines only — a partial last line waits for its newline,
 * so a line is never counted before it is complete, nor twice.
 */
import { open, stat } from 'node:fs/promises';
import { FileFollower, fileId } from '../../adapters/fs/file-follower';

export interface TailPosition {
  id: string;
  offset: number;
}

export interface TailOptions {
  path: string;
  /** Resume here when it is still the same file and not shorter; else start at its end. */
  resume?: TailPosition | null;
  pollMs?: number;
  onLines(lines: string[]): void;
  onRotate(reason: 'truncated' | 'rotated'): void;
  onError(message: string): void;
}

const FIRST_BYTES = 1024;
const TAIL_CHUNK = 64 * 1024;

/** The offset just after the last newline (where the next whole line starts), and the first bytes. */
async function lineEnd(path: string, size: number): Promise<{ offset: number; firstBytes: Uint8Array }> {
  const h = await open(path, 'r');
  try {
    const first = Buffer.alloc(Math.min(FIRST_BYTES, size));
    await h.read(first, 0, first.length, 0);
    let end = size;
    while (end > 0) {
      const from = Math.max(0, end - TAIL_CHUNK);
      const buf = Buffer.alloc(end - from);
      await h.read(buf, 0, buf.length, from);
      const nl = buf.lastIndexOf(10);
      if (nl >= 0) return { offset: from + nl + 1, firstBytes: first };
      end = from;
    }
    return { offset: 0, firstBytes: first };
  } finally {
    await h.close();
  }
}

export class FileTail {
  private follower: FileFollower | null = null;
  private id = '';
  private offset = 0;
  private closed = false;

  constructor(private readonly opts: TailOptions) {}

  async start(): Promise<void> {
    const s = await stat(this.opts.path);
    const id = fileId(s);
    const r = this.opts.resume;
    let start: { id: string; offset: number; firstBytes: Uint8Array };
    const here = await lineEnd(this.opts.path, s.size);
    if (r && r.id === id && r.offset <= s.size) start = { id, offset: r.offset, firstBytes: here.firstBytes };
    else start = { id, offset: here.offset, firstBytes: here.firstBytes };
    this.id = start.id;
    this.offset = start.offset;
    if (this.closed) return;
    this.follower = new FileFollower({
      path: this.opts.path,
      encoding: 'utf-8',
      start,
      pollMs: this.opts.pollMs ?? 250,
      onEvents: (events) => {
        const lines: string[] = [];
        for (const e of events) {
          if (e.kind === 'reset') {
            if (lines.length) this.opts.onLines(lines.splice(0));
            this.id = e.id;
            this.offset = 0;
            this.opts.onRotate(e.reason);
            continue;
          }
          this.offset = e.offset + e.bytes.length;
          let text = Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength).toString('utf8');
          if (text.endsWith('\n')) text = text.slice(0, -1);
          if (text.endsWith('\r')) text = text.slice(0, -1);
          lines.push(text);
        }
        if (lines.length) this.opts.onLines(lines);
      },
      onError: (e) => this.opts.onError(`${this.opts.path}: ${e instanceof Error ? e.message : String(e)}`),
    });
    await this.follower.start();
  }

  /** Where the next line starts (persisted: a restart resumes there). */
  position(): TailPosition {
    return { id: this.id, offset: this.offset };
  }

  /** Reads what was appended now, without waiting for the watch or the poll. */
  wake(): void {
    this.follower?.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.follower?.close();
  }
}

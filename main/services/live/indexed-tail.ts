/**
 * Follows a stream the source registry already follows (an SSH host's file: its IndexedFile
 * gets appends and rotations over SFTP) for the live run: whole lines only, from where it
 * stands, in order, each once. The same interface as FileTail, which follows a local path
 * itself; positions here are line numbers of the followed file (a rotation starts again at 0).
 */
import type { IndexedFile } from '../../adapters/fs/file-types';
import type { TailPosition } from './tail-file';

export interface IndexedTailOptions {
  file: IndexedFile;
  onLines(lines: string[]): void;
  onRotate(reason: 'rotated'): void;
  onError(message: string): void;
}

const BATCH = 1000;

export class IndexedTail {
  private next = -1;
  private off: (() => void) | null = null;
  private pumping: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: IndexedTailOptions) {}

  async start(): Promise<void> {
    const f = this.opts.file;
    this.off = f.onChange(({ kind }) => {
      if (kind === 'reset') {
        this.next = 0;
        this.opts.onRotate('rotated');
      }
      if (kind === 'error') {
        const s = f.status();
        this.opts.onError(`${f.path}: ${s.state === 'error' ? s.error.message : 'read failed'}`);
      }
      if (kind === 'ready' && this.next < 0) this.next = f.lineCount();
      this.wake();
    });
    const s = f.status();
    if (s.state === 'error') throw new Error(s.error.message);
    // Live rules see what is appended from now on (as Promtail starting at the end of a file).
    if (s.state === 'ready') this.next = f.lineCount();
  }

  position(): TailPosition {
    return { id: this.next < 0 ? '' : 'line', offset: Math.max(0, this.next) };
  }

  /** Reads the lines appended since the last call, in order; calls never overlap. */
  wake(): void {
    this.pumping = this.pumping.then(() => this.pump()).catch((e: unknown) => this.opts.onError(`${this.opts.file.path}: ${(e as Error).message}`));
  }

  private async pump(): Promise<void> {
    const f = this.opts.file;
    while (!this.closed && this.next >= 0 && this.next < f.lineCount()) {
      const from = this.next;
      const to = Math.min(f.lineCount(), from + BATCH);
      const lines = await f.read(from, to);
      // A rotation while reading restarted the numbering: drop what was read for the old file.
      if (this.next !== from) continue;
      this.next = to;
      if (lines.length) this.opts.onLines(lines.map((l) => l.text));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.off?.();
    await this.pumping;
  }
}

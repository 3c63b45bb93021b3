/** The node-side view of one indexed log file, as the services use it. */
import type { AppError, Level } from '../../../shared/model/index';

export type FileStatus =
  | { state: 'indexing'; bytesDone: number; bytesTotal: number }
  | { state: 'ready'; bytesTotal: number }
  | { state: 'error'; error: AppError };

export interface DisplayLine {
  lineNo: number;
  /** Epoch ms: the line's place on the timeline (inherited / running max, see LineIndex). */
  ts: number;
  level: Level;
  text: string;
  truncated: boolean;
  /** The line's real length in bytes, newline excluded (also when truncated). */
  byteLength: number;
}

export type FileChangeKind = 'progress' | 'appended' | 'reset' | 'error' | 'ready';

export interface IndexedFile {
  readonly path: string;
  status(): FileStatus;
  lineCount(): number;
  timeSpan(): { first: number; last: number } | null;
  /** 'mtime' when no line had a timestamp and every line sits at the file's modification time. */
  timestampSource(): 'line' | 'mtime';
  /** For year-less formats (syslog, logcat): the year assumed and where it came from. */
  assumedYear(): { year: number; from: 'mtime' | 'current-year' } | null;
  formatName(): string | null;
  linesInRange(start: number, end: number): { from: number; to: number };
  timestampOf(lineNo: number): number;
  read(from: number, to: number): Promise<DisplayLine[]>;
  /** Index memory and how sorted the file is (for benchmarks and the UI's file info). */
  stats(): { indexBytes: number; outOfOrderLines: number; timestampedLines: number };
  onChange(listener: (change: { kind: FileChangeKind }) => void): () => void;
  close(): Promise<void>;
}

export interface OpenOptions {
  follow: boolean;
  /** Worker threads for the bulk of a big plain file: 1, or 2 (split in halves). Default 2. */
  workers?: number;
  signal?: AbortSignal;
  /** Follow polling interval (watch events act at once). Default 500 ms. */
  pollMs?: number;
}

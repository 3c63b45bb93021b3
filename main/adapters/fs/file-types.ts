/** The node-side view of one indexed log file, as the services use it. */
import type { AppError, Level } from '../../../shared/model/index';

export type FileStatus =
  | { state: 'indexing'; bytesDone: number; bytesTotal: number }
  | { state: 'ready'; bytesTotal: number }
  | { state: 'error'; error: AppError };

export interface DisplayLine {
  lineNo: number;
  /** Epoch ms: the line's own timestamp, or inherited from the entry above (see LazyTimes). */
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
  /**
   * Lines [from, to) from where the log reaches `start` to where it passes `end` (exact for
   * sorted files; see LazyTimes). Async: the boundary blocks' timestamps are read on demand.
   */
  findRange(start: number, end: number): Promise<{ from: number; to: number }>;
  /** Timestamps of lines [from, to), computed on demand block by block (cached, bounded). */
  timestampsOf(from: number, to: number): Promise<Float64Array>;
  read(from: number, to: number): Promise<DisplayLine[]>;
  /**
   * For the log query workers, which scan raw bytes: the byte span of indexed lines
   * [from, to) and what parsing their timestamps as the index does needs. Null when the file
   * is not plain UTF-8 (gzip, UTF-16) or not ready to be read.
   */
  scanInfo?(from: number, to: number): ScanInfo | null;
  /**
   * Index memory (line starts + samples + the lazy timestamp cache) and how sorted the file
   * looks from its samples (for benchmarks and the UI's file info).
   */
  stats(): IndexStats;
  onChange(listener: (change: { kind: FileChangeKind }) => void): () => void;
  close(): Promise<void>;
}

export interface IndexStats {
  indexBytes: number;
  outOfOrderSamples: number;
  samples: number;
  /** Where the index workers' time went (empty when indexed on the main thread). */
  workers: { bootMs: number; readMs: number; scanMs: number; sampleMs: number; totalMs: number }[];
}

export interface ScanInfo {
  start: number;
  end: number;
  /** Lines indexed (the provisional tail of a followed file is not among them). */
  indexedLines: number;
  /** First lines of the file, from which the index sniffed its timestamp format. */
  sample: string[];
  year: number;
  yearless: boolean;
}

export interface OpenOptions {
  follow: boolean;
  /** Worker threads for the bulk of a big plain file: 1, or 2 (split in halves). Default 2. */
  workers?: number;
  signal?: AbortSignal;
  /** Follow polling interval (watch events act at once). Default 500 ms. */
  pollMs?: number;
}

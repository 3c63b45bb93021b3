/** Messages between the indexing coordinator (parallel-index.ts) and index-worker.ts. */
import type { TrackerState } from '../../engines/sources/index';

export interface IndexJob {
  path: string;
  /** Byte range to index: `from` is a line start; `to` a line boundary or the file size. */
  from: number;
  to: number;
  /** Count a last line without newline (not when following: it is still being written). */
  includePartial: boolean;
  /** First lines of the file, to sniff the same timestamp format as the coordinator. */
  sample: string[];
  year: number;
  state?: TrackerState;
  chunkBytes: number;
  batchLines: number;
}

export type WorkerMessage =
  | { type: 'batch'; starts: Float64Array; ts: Float64Array; n: number; bytesDone: number }
  | { type: 'done'; end: number; lines: number; state: TrackerState; firstTs: number }
  | { type: 'error'; message: string; code?: string };

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
  /** 'indexOf' forces the Buffer.indexOf scanner (tests compare both). */
  scanner?: 'wasm' | 'indexOf';
  /** performance.timeOrigin + now() when the coordinator spawned the worker (for perf.bootMs). */
  spawnedAt: number;
}

/** Where a worker's time went (ms), for the benchmark. */
export interface WorkerPerf {
  bootMs: number;
  readMs: number;
  scanMs: number;
  sampleMs: number;
  totalMs: number;
}

/**
 * A batch of line starts in file order: `lo` the low words (transferred), `hi` flat pairs
 * (index in lo, high word) from which each high word applies; `samples` flat triples
 * (line number counted from the job's first line, timestamp, year offset).
 */
export interface StartsBatch {
  lo: Uint32Array;
  n: number;
  hi: number[];
  samples: number[];
}

export type WorkerMessage =
  | ({ type: 'batch'; bytesDone: number } & StartsBatch)
  | { type: 'done'; end: number; lines: number; state: TrackerState; firstTs: number; perf: WorkerPerf }
  | { type: 'error'; message: string; code?: string };

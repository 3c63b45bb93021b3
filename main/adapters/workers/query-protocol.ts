/** Messages between the query coordinator (query-pool.ts) and query-worker.ts. */
import type { PipelineStage } from '../../../shared/logql/ast';
import type { Labels } from '../../../shared/model/labels';
import type { MetricBatch } from '../../engines/logql/metric/partial';
import type { MetricJob } from './metric-job';

/** One part of one stream's file: a byte span of whole lines, scanned in the query's direction. */
export interface QueryJob {
  kind?: 'log';
  path: string;
  /** Byte span: `start` is a line start, `end` just past a newline or the file's end. */
  start: number;
  end: number;
  direction: 'forward' | 'backward';
  stages: PipelineStage[];
  labels: Labels;
  /** The part stops after this many entries (the merged answer never needs more from it). */
  limit: number;
  /** First lines of the file, to sniff the same timestamp format as its index. */
  sample: string[];
  year: number;
  /** Timestamp a line without one inherits at the part's start (the line above's, or the file's first). */
  seedTs: number;
  /** Whether the line above `start` belongs to the query (its duplicate check spans parts). */
  dedupWithPrevious: boolean;
  chunkBytes: number;
}

/** A batch of entries in the part's direction: ms timestamps, lines, label sets by index. */
export interface EntryBatch {
  ts: Float64Array;
  lines: string[];
  labelIdx: Uint32Array;
  /** Label sets first seen in this batch, appended to the part's table. */
  newLabels: Labels[];
  n: number;
}

/** A log query's part (entry batches back) or a metric query's (metric batches back). */
export type AnyJob = QueryJob | MetricJob;
export type AnyBatch = EntryBatch | MetricBatch;

export type QueryWorkerRequest = { type: 'run'; id: number; job: AnyJob; cancel: Int32Array };

export type QueryWorkerMessage =
  | { type: 'batch'; id: number; batch: AnyBatch; bytesDone: number }
  | { type: 'done'; id: number; bytesDone: number; complete: boolean }
  | { type: 'error'; id: number; message: string; code?: string };

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

/**
 * A batch's label-set table (label-rows.ts), categorized in the worker as Loki's
 * `categorize-labels` answer groups an entry's labels: the stream's own labels that survived
 * (by index in `streams`) and the labels the pipeline added or changed, flat: row r's parsed
 * labels are the pairs rowPairs[r] .. rowPairs[r + 1] - 1 (none: no parsed labels), pair j
 * named names[pairName[j]], its value values[valueEnds[j - 1], valueEnds[j]).
 */
export interface BatchLabels {
  /** [labelsKey, labels] of the stream label sets the rows refer to. */
  streams: [string, Labels][];
  rowStream: Uint32Array;
  rowPairs: Uint32Array;
  pairName: Uint32Array;
  valueEnds: Uint32Array;
  names: string[];
  values: string;
}

/**
 * A batch of entries in the part's direction, compactly: ms timestamps, the lines joined in
 * one string (entry i is text[ends[i-1], ends[i])), and per entry a row of the batch's own
 * label-set table (so memory stays bounded when every entry has its own label set).
 */
export interface EntryBatch {
  ts: Float64Array;
  text: string;
  ends: Uint32Array;
  labelIdx: Uint32Array;
  labels: BatchLabels;
  n: number;
}

/** A log query's part (entry batches back) or a metric query's (metric batches back). */
export type AnyJob = QueryJob | MetricJob;
export type AnyBatch = EntryBatch | MetricBatch;

/**
 * `credits[0]`: batches posted and not yet taken by the coordinator; `credits[2]`: their KiB
 * (batchKiB). A worker waits while either reaches the part's limit (backpressure: a slow
 * consumer bounds what is buffered); `credits[1]` set lifts the limit (QueryPool.relieve).
 */
export type QueryWorkerRequest = { type: 'run'; id: number; job: AnyJob; cancel: Int32Array; credits: Int32Array; maxInFlight: number; maxKiBInFlight: number };

/**
 * Batches a part may have in flight before its worker waits (×2048 entries at most each), and
 * their text. The coordinator drains a stream's parts in order, so a later part's whole output
 * waits while the earlier part runs: bounded by batch count alone (128 was the limit), a big
 * JSON answer held the second worker idle for most of the query. Bounded by size instead
 * (256 MiB a part, what 128 batches of 1 KiB lines came to), both workers run to the end.
 */
export const MAX_BATCHES_IN_FLIGHT = 4096;
export const MAX_KIB_IN_FLIGHT = 256 * 1024;

/** What a batch weighs against MAX_KIB_IN_FLIGHT: its text and parsed values (metric batches: nothing). */
export function batchKiB(b: AnyBatch): number {
  return 'text' in b ? Math.ceil((b.text.length + b.labels.values.length) / 1024) : 0;
}

export type QueryWorkerMessage =
  | { type: 'batch'; id: number; batch: AnyBatch; bytesDone: number }
  | { type: 'done'; id: number; bytesDone: number; complete: boolean }
  | { type: 'error'; id: number; message: string; code?: string };

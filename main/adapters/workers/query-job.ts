/**
 * One part of a log query on raw bytes: the byte scan (byte-scan.ts) finds candidate lines,
 * and only for those is the line decoded and run through the pipeline; the entries kept go
 * out in compact batches (query-protocol.ts EntryBatch). Synchronous (readSync): it runs in a
 * worker thread, where blocking is the point; the same function runs in-process for tests.
 *
 * A line's timestamp is asked of the scan only for the lines the pipeline keeps, unless a
 * stage reads it (a template): the time never changes which lines pass otherwise, and the
 * range [start, end) was already cut on the index's line numbers.
 */
import { buildPipeline, stagesReadTime } from '../../engines/logql/pipeline';
import { scanPlan } from '../../engines/logql/scan/scan-plan';
import { nodeLogqlPorts } from '../re2/logql-ports';
import { scanJob } from './byte-scan';
import type { EntryBatch, QueryJob } from './query-protocol';
import { LabelRows } from './label-rows';
import { nodeScanPorts as P } from './query-ports';

export { scanJob, type ScanJob } from './byte-scan';

const BATCH = 2048;
/** What stages that do not read the time get instead of it. */
const NO_TIME = 0n;

export interface JobSink {
  batch(b: EntryBatch, bytesDone: number): void;
  /** Checked between chunks and every few hundred candidates. */
  cancelled(): boolean;
}

export function runQueryJob(job: QueryJob, sink: JobSink): { bytesDone: number; complete: boolean } {
  const built = buildPipeline(job.stages, nodeLogqlPorts);
  if (!built.ok) throw new Error(built.error.message);
  const pipeline = built.pipeline.forStream(job.labels);
  const readsTime = stagesReadTime(job.stages);
  const rows = new LabelRows(job.labels);
  let ts = new Float64Array(BATCH);
  let labelIdx = new Uint32Array(BATCH);
  let ends = new Uint32Array(BATCH);
  let lines: string[] = [];
  let n = 0;
  let textLength = 0;
  let emitted = 0;
  let bytesDone = 0;
  const flush = (): void => {
    if (n === 0) return;
    sink.batch({ ts, text: lines.join(''), ends, labelIdx, labels: rows.take(), n }, bytesDone);
    ts = new Float64Array(BATCH);
    labelIdx = new Uint32Array(BATCH);
    ends = new Uint32Array(BATCH);
    lines = [];
    n = 0;
    textLength = 0;
  };
  return scanJob(
    job,
    scanPlan(job.stages, job.labels),
    (time, c, s, end) => {
      const line = pipeline.processLine(readsTime ? BigInt(time()) * 1_000_000n : NO_TIME, P.utf8(c, s, end));
      if (line === null) return false;
      ts[n] = time();
      labelIdx[n] = rows.rowOf(pipeline.labels);
      lines.push(line);
      ends[n] = textLength += line.length;
      if (++n === BATCH) flush();
      return ++emitted >= job.limit;
    },
    (done) => {
      bytesDone = done;
      flush();
    },
    sink.cancelled,
  );
}

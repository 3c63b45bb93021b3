/**
 * One part of a metric query on raw bytes, in a query worker: the same scan as a log query's
 * part (byte-scan.ts scanJob: candidate lines, their index timestamps, duplicates dropped), and
 * per line the worker half of the metric query (engines/logql/metric/partial.ts): window checks
 * and sample extraction, with counting ops pre-aggregated per (series, step). Forward only:
 * samples of a stream must reach the accumulators in time order.
 */
import type { MetricExpr } from '../../../shared/logql/ast';
import { createMetricQuery } from '../../engines/logql/metric/evaluate';
import type { GridParams } from '../../engines/logql/metric/grid';
import { PartialMetric, type MetricBatch } from '../../engines/logql/metric/partial';
import { scanPlan, type ScanPlan } from '../../engines/logql/scan/scan-plan';
import { nodeLogqlPorts } from '../re2/logql-ports';
import { scanJob, type ScanJob } from './byte-scan';
import { nodeScanPorts as P } from './query-ports';

export interface MetricJob extends ScanJob {
  kind: 'metric';
  expr: MetricExpr;
  params: GridParams;
}

export interface MetricSink {
  batch(b: MetricBatch, bytesDone: number): void;
  cancelled(): boolean;
}

export function runMetricJob(job: MetricJob, sink: MetricSink): { bytesDone: number; complete: boolean } {
  const c = createMetricQuery(job.expr, job.params, nodeLogqlPorts);
  if (!c.ok) throw new Error(c.error.message);
  let bytesDone = 0;
  const part = new PartialMetric(c.query, job.labels, (b) => sink.batch(b, bytesDone));
  const leaves = c.query.leaves;
  // One range aggregation: its raw-line filters may skip lines on bytes (a necessary condition).
  const plan: ScanPlan = leaves.length === 1 ? scanPlan(leaves[0]!.expr.range.query.stages, job.labels) : { kind: 'all' };
  let c0: Buffer;
  let s0 = 0;
  let e0 = 0;
  const decode = (): string => P.utf8(c0, s0, e0);
  const r = scanJob(
    { ...job, direction: 'forward' },
    plan,
    (time, c, s, end) => {
      c0 = c;
      s0 = s;
      e0 = end;
      part.line(time(), decode);
      return false;
    },
    (done) => {
      bytesDone = done;
      part.drain(false);
    },
    sink.cancelled,
  );
  bytesDone = r.bytesDone;
  part.drain(true);
  return r;
}

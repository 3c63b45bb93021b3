/**
 * Worker thread for log queries: runs query parts (query-job.ts) one after the other, as the
 * coordinator sends them, and streams entry batches back. It stays alive between queries (a
 * worker's start-up costs ~50 ms built, more from source); a part stops early when its shared
 * cancel flag is set, and the coordinator terminates the worker when the query is aborted.
 */
import { parentPort } from 'node:worker_threads';
import { runQueryJob } from './query-job';
import { runMetricJob } from './metric-job';
import { batchKiB, type AnyBatch, type QueryWorkerMessage, type QueryWorkerRequest } from './query-protocol';

/** The typed arrays of a batch, moved (not copied) to the coordinator. */
export function transferables(b: AnyBatch): ArrayBuffer[] {
  if ('text' in b) {
    const l = b.labels;
    return [b.ts.buffer, b.labelIdx.buffer, b.ends.buffer, l.rowStream.buffer, l.rowPairs.buffer, l.pairName.buffer, l.valueEnds.buffer] as ArrayBuffer[];
  }
  return [b.leaf.buffer, b.series.buffer, b.at.buffer, b.value.buffer, b.count.buffer] as ArrayBuffer[];
}

function post(msg: QueryWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(msg, transfer);
}

parentPort!.on('message', (req: QueryWorkerRequest) => {
  const { id, job, cancel, credits, maxInFlight, maxKiBInFlight } = req;
  try {
    const sink = {
      batch: (b: AnyBatch, bytesDone: number) => {
        Atomics.add(credits, 2, batchKiB(b)); // before the post: the take subtracts it
        Atomics.add(credits, 0, 1);
        post({ type: 'batch', id, batch: b, bytesDone }, transferables(b));
        // Backpressure: wait while the coordinator has too much of ours untaken
        // (woken by each take; the timeout re-checks the cancel flag).
        for (;;) {
          const inFlight = Atomics.load(credits, 0);
          if ((inFlight < maxInFlight && Atomics.load(credits, 2) < maxKiBInFlight) || Atomics.load(credits, 1) !== 0 || Atomics.load(cancel, 0) !== 0) break;
          Atomics.wait(credits, 0, inFlight, 50);
        }
      },
      cancelled: () => Atomics.load(cancel, 0) !== 0,
    };
    const r = job.kind === 'metric' ? runMetricJob(job, sink) : runQueryJob(job, sink);
    post({ type: 'done', id, bytesDone: r.bytesDone, complete: r.complete });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    post({ type: 'error', id, message: err.message, ...(err.code ? { code: err.code } : {}) });
  }
});

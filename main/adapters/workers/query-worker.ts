/**
 * Worker thread for log queries: runs query parts (query-job.ts) one after the other, as the
 * coordinator sends them, and streams entry batches back. It stays alive between queries (a
 * worker's start-up costs ~50 ms built, more from source); a part stops early when its shared
 * cancel flag is set, and the coordinator terminates the worker when the query is aborted.
 */
import { parentPort } from 'node:worker_threads';
import { runQueryJob } from './query-job';
import type { QueryWorkerMessage, QueryWorkerRequest } from './query-protocol';

function post(msg: QueryWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(msg, transfer);
}

parentPort!.on('message', (req: QueryWorkerRequest) => {
  const { id, job, cancel } = req;
  try {
    const r = runQueryJob(job, {
      batch: (b, bytesDone) => post({ type: 'batch', id, batch: b, bytesDone }, [b.ts.buffer as ArrayBuffer, b.labelIdx.buffer as ArrayBuffer]),
      cancelled: () => Atomics.load(cancel, 0) !== 0,
    });
    post({ type: 'done', id, bytesDone: r.bytesDone, complete: r.complete });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    post({ type: 'error', id, message: err.message, ...(err.code ? { code: err.code } : {}) });
  }
});

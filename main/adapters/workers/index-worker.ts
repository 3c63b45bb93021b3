/**
 * Worker thread: indexes one byte range of a file and streams (line start, timestamp)
 * batches back. Reads with readSync in big chunks: blocking is what a worker is for, and
 * it spares a promise per chunk. Stopping is by terminate().
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkIndexer, sniffFormat } from '../../engines/sources/index';
import { nodeByteSearch, nodeDecoder } from '../fs/node-ports';
import type { IndexJob, WorkerMessage } from './index-protocol';

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(msg, transfer);
}

function run(job: IndexJob): void {
  const fd = openSync(job.path, 'r');
  try {
    let starts = new Float64Array(job.batchLines);
    let ts = new Float64Array(job.batchLines);
    let n = 0;
    let pos = job.from;
    let firstTs = NaN;
    const flush = (): void => {
      post({ type: 'batch', starts, ts, n, bytesDone: pos - job.from }, [starts.buffer as ArrayBuffer, ts.buffer as ArrayBuffer]);
      starts = new Float64Array(job.batchLines);
      ts = new Float64Array(job.batchLines);
      n = 0;
    };
    const indexer = new ChunkIndexer({
      search: nodeByteSearch,
      decoder: nodeDecoder,
      encoding: 'utf-8',
      startOffset: job.from,
      textStart: 0,
      format: sniffFormat(job.sample),
      year: job.year,
      ...(job.state ? { state: job.state } : {}),
      sink: (start, t) => {
        if (firstTs !== firstTs && t === t) firstTs = t;
        starts[n] = start;
        ts[n] = t;
        if (++n === job.batchLines) flush();
      },
    });
    const buf = Buffer.allocUnsafe(job.chunkBytes);
    while (pos < job.to) {
      const got = readSync(fd, buf, 0, Math.min(job.chunkBytes, job.to - pos), pos);
      if (got === 0) break;
      pos += got;
      indexer.push(buf.subarray(0, got));
    }
    const end = indexer.finish(job.includePartial);
    flush();
    post({ type: 'done', end, lines: indexer.lines, state: indexer.tracker.state, firstTs });
  } finally {
    closeSync(fd);
  }
}

try {
  run(workerData as IndexJob);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  post({ type: 'error', message: err.message, ...(err.code ? { code: err.code } : {}) });
}

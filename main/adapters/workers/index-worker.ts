/**
 * Worker thread: indexes one byte range of a file — line starts for every line (SIMD newline
 * scan, newline-scan.ts) and the sparse timestamp samples (sparse-sampler.ts: a few lines per
 * 256 parsed) — and streams them back in batches whose arrays are transferred, not copied.
 * Reads with readSync in big chunks straight into the scanner's memory: blocking is what a
 * worker is for, and it spares a promise and a copy per chunk. Stopping is by terminate().
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { MAX_HEAD_BYTES, SparseSampler, TimestampTracker, sniffFormat } from '../../engines/sources/index';
import { nodeDecoder } from '../fs/node-ports';
import type { IndexJob, WorkerMessage } from './index-protocol';
import { newlineScanner } from './newline-scan';

const TWO32 = 0x1_0000_0000;

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(msg, transfer);
}

function run(job: IndexJob): void {
  const fd = openSync(job.path, 'r');
  try {
    const scanner = newlineScanner(job.chunkBytes, job.scanner);
    const input = scanner.input;
    let firstTs = NaN;
    let samples: number[] = [];
    const tracker = new TimestampTracker(sniffFormat(job.sample), job.year, nodeDecoder, 'utf-8', job.state);
    const sampler = new SparseSampler(
      tracker,
      (line, ts, yo) => {
        if (firstTs !== firstTs) firstTs = ts;
        samples.push(line, ts, yo);
      },
      0,
    );
    let lo = new Uint32Array(job.batchLines);
    let n = 0;
    let hi: number[] = [];
    let curHi = -1;
    let total = 0;
    let pos = job.from;
    const flush = (): void => {
      post({ type: 'batch', lo, n, hi, samples, bytesDone: pos - job.from }, [lo.buffer as ArrayBuffer]);
      lo = new Uint32Array(job.batchLines);
      n = 0;
      hi = [];
      curHi = -1;
      samples = [];
    };
    const addStarts = (src: Uint32Array, from: number, to: number, h: number): void => {
      for (let k = from; k < to; ) {
        if (n === lo.length) flush();
        if (h !== curHi) hi.push(n, (curHi = h));
        const take = Math.min(to - k, lo.length - n);
        lo.set(src.subarray(k, k + take), n);
        n += take;
        k += take;
        total += take;
      }
    };
    const head = Buffer.allocUnsafe(MAX_HEAD_BYTES + 1);
    /** Offers local line i = [s, e) to the sampler, from the chunk when it is there, else by one small read. */
    const sample = (i: number, s: number, e: number, got: number): void => {
      if (s >= pos && e <= pos + got) {
        let he = e - pos;
        if (he > s - pos && input[he - 1] === 10) he--;
        sampler.offer(i, input, s - pos, Math.min(he, s - pos + MAX_HEAD_BYTES));
        return;
      }
      const len = readSync(fd, head, 0, Math.min(MAX_HEAD_BYTES + 1, e - s), s);
      const nl = head.subarray(0, len).indexOf(10);
      sampler.offer(i, head, 0, nl >= 0 ? nl : Math.min(len, MAX_HEAD_BYTES));
    };

    let curStart = job.from; // start of the line in progress
    let k = 0; // its local index
    if (job.from < job.to) addStarts(Uint32Array.of(job.from % TWO32), 0, 1, Math.floor(job.from / TWO32));
    const t0 = performance.now();
    const perf = { bootMs: performance.timeOrigin + t0 - job.spawnedAt, readMs: 0, scanMs: 0, sampleMs: 0, totalMs: 0 };
    while (pos < job.to) {
      const r0 = performance.now();
      const got = readSync(fd, input, 0, Math.min(job.chunkBytes, job.to - pos), pos);
      const r1 = performance.now();
      perf.readMs += r1 - r0;
      if (got === 0) break;
      const posLo = pos % TWO32;
      const hiBase = (pos - posLo) / TWO32;
      const c = scanner.scan(got, posLo);
      const out = scanner.out;
      // Offsets past 4 GiB boundaries wrap in the low word: a value ≤ posLo has wrapped.
      const abs = (j: number): number => (out[j]! > posLo ? hiBase : hiBase + 1) * TWO32 + out[j]!;
      let cs = c;
      if (c > 0 && abs(c - 1) >= job.to) cs--; // the newline ending the range starts no line here
      let w = cs;
      if (posLo + got >= TWO32) for (w = 0; w < cs && out[w]! > posLo; w++); // rare: crossing a 4 GiB boundary
      addStarts(out, 0, w, hiBase);
      addStarts(out, w, cs, hiBase + 1);
      const r2 = performance.now();
      perf.scanMs += r2 - r1;
      // Lines whose end is now known: local k .. k + c - 1.
      while (sampler.next < k + c) {
        const i = sampler.next;
        const j = i - k;
        sample(i, j === 0 ? curStart : abs(j - 1), abs(j), got);
      }
      perf.sampleMs += performance.now() - r2;
      if (c > 0) {
        curStart = abs(c - 1);
        k += c;
      }
      pos += got;
    }
    let end = pos;
    if (curStart < pos) {
      // A last line without newline: counted when asked, else left for the follower.
      if (job.includePartial) {
        if (sampler.next <= k) sample(k, curStart, pos, 0);
      } else {
        n--;
        total--;
        if (hi.length > 0 && hi[hi.length - 2] === n) hi.length -= 2;
        end = curStart;
      }
    }
    flush();
    perf.totalMs = performance.now() - t0;
    post({ type: 'done', end, lines: total, state: tracker.state, firstTs, perf });
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

/**
 * Query parts on worker threads: a small pool (one worker per core, two here) kept warm
 * between queries and released when idle, a FIFO of parts, and per part a buffer of entry
 * batches the coordinator drains in order. A part stops early through its shared cancel flag
 * (read between chunks, no message needed while the worker is busy); an aborted query
 * terminates the workers running its parts at once, and later queries start fresh ones.
 * Idle workers are unref'd so that a CLI process can exit with the pool alive.
 */
import type { Worker } from 'node:worker_threads';
import { appError } from '../../../shared/model/app-error';
import { AppFailure } from '../../../shared/model/app-error';
import { MAX_BATCHES_IN_FLIGHT, MAX_KIB_IN_FLIGHT, batchKiB, type AnyBatch, type AnyJob, type EntryBatch, type QueryWorkerMessage } from './query-protocol';
import { runMetricJob } from './metric-job';
import { runQueryJob } from './query-job';
import { spawnWorker } from './worker-entry';

/** One part's output, drained by the coordinator in order (entry batches, or metric batches for a metric job). */
export class PartStream<B extends AnyBatch = EntryBatch> {
  readonly batches: B[] = [];
  /** Label sets by index, as the worker numbered them. */
  readonly labels: Record<string, string>[] = [];
  bytesDone = 0;
  done = false;
  complete = false;
  error: Error | null = null;
  readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  /**
   * [0]: batches a worker posted and the coordinator has not taken (the worker's backpressure);
   * [1]: set to lift the limit (see QueryPool.relieve).
   */
  readonly credits = new Int32Array(new SharedArrayBuffer(12));
  /** Run by a worker (which counts credits), not in-process. */
  viaWorker = false;
  private waiter: (() => void) | null = null;

  constructor(readonly job: AnyJob) {}

  /** Resolves when a batch arrives or the part ends. */
  wait(): Promise<void> {
    if (this.batches.length > 0 || this.done) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = resolve));
  }
  cancel(): void {
    Atomics.store(this.cancelFlag, 0, 1);
  }
  get cancelled(): boolean {
    return Atomics.load(this.cancelFlag, 0) !== 0;
  }
  /** The next batch, if any; releases its credit so that a waiting worker goes on. */
  take(): B | undefined {
    const b = this.batches.shift();
    if (b && this.viaWorker) this.release(b);
    return b;
  }
  push(b: B, bytesDone: number): void {
    // Metric batches extend the part's series table; entry batches carry their own label table.
    if ('newLabels' in b) for (const l of b.newLabels) this.labels.push(l as Record<string, string>);
    if (b.n > 0) this.batches.push(b);
    else if (this.viaWorker) this.release(b);
    this.bytesDone = bytesDone;
    this.wake();
  }
  finish(bytesDone: number, complete: boolean, error: Error | null = null): void {
    this.bytesDone = Math.max(this.bytesDone, bytesDone);
    this.complete = complete;
    this.error = error;
    this.done = true;
    this.wake();
  }
  /** A worker's batch is off its account: a waiting worker goes on. */
  private release(b: B): void {
    Atomics.sub(this.credits, 2, batchKiB(b));
    Atomics.sub(this.credits, 0, 1);
    Atomics.notify(this.credits, 0);
  }
  /** Whether its worker waits for takes (see QueryWorkerRequest). */
  held(maxInFlight: number, maxKiBInFlight: number): boolean {
    return Atomics.load(this.credits, 0) >= maxInFlight || Atomics.load(this.credits, 2) >= maxKiBInFlight;
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

interface Slot {
  worker: Worker;
  part: PartStream<AnyBatch> | null;
  id: number;
}

export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PartStream<AnyBatch>[] = [];
  private nextId = 1;
  /** Workers started and exited, for tests and the bench (a warm pool is the steady state). */
  readonly stats = { started: 0, exited: 0 };
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly size = 2,
    private readonly idleMs = 30_000,
    /** Batches a part may have untaken before its worker waits (backpressure). */
    readonly maxInFlight = MAX_BATCHES_IN_FLIGHT,
    /** Their size in KiB (batchKiB). */
    readonly maxKiBInFlight = MAX_KIB_IN_FLIGHT,
  ) {}

  /** Queues a part; `inProcess` runs it right here instead (tests, tiny spans). */
  run<B extends AnyBatch = EntryBatch>(job: AnyJob, inProcess = false): PartStream<B> {
    const part = new PartStream<B>(job);
    if (inProcess) {
      try {
        const sink = { batch: (b: AnyBatch, done: number) => part.push(b as B, done), cancelled: () => part.cancelled };
        const r = job.kind === 'metric' ? runMetricJob(job, sink) : runQueryJob(job, sink);
        part.finish(r.bytesDone, r.complete);
      } catch (e) {
        part.finish(0, false, e as Error);
      }
      return part;
    }
    this.queue.push(part as PartStream<AnyBatch>);
    this.pump();
    return part;
  }

  /** Stops parts now: the workers running them are terminated, queued ones dropped. */
  abort(parts: PartStream<AnyBatch>[]): void {
    for (const p of parts) {
      p.cancel();
      const q = this.queue.indexOf(p);
      if (q >= 0) this.queue.splice(q, 1);
      if (!p.done) p.finish(p.bytesDone, false, new AppFailure(appError('cancelled', 'query cancelled')));
    }
    for (const s of [...this.slots]) if (s.part && parts.includes(s.part)) this.drop(s);
    this.pump();
  }

  /**
   * A coordinator may wait on a queued part before it drains the running ones (a merge of
   * several streams needs every stream's first batch): if every worker is held by backpressure
   * while parts wait for a worker, the held parts run on unlimited, as without backpressure.
   */
  private relieve(): void {
    if (this.queue.length === 0 || this.slots.length < this.size) return;
    if (!this.slots.every((s) => s.part && s.part.held(this.maxInFlight, this.maxKiBInFlight))) return;
    for (const s of this.slots) {
      Atomics.store(s.part!.credits, 1, 1);
      Atomics.notify(s.part!.credits, 0);
    }
  }

  /** Workers alive now. */
  get live(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.part);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const part = this.queue.shift()!;
      if (part.cancelled) {
        part.finish(part.bytesDone, false);
        continue;
      }
      slot.part = part;
      slot.id = this.nextId++;
      part.viaWorker = true;
      slot.worker.ref();
      slot.worker.postMessage({ type: 'run', id: slot.id, job: part.job, cancel: part.cancelFlag, credits: part.credits, maxInFlight: this.maxInFlight, maxKiBInFlight: this.maxKiBInFlight });
    }
    this.relieve();
    this.armIdle();
  }

  private spawn(): Slot {
    const worker = spawnWorker('query-worker', {});
    this.stats.started++;
    const slot: Slot = { worker, part: null, id: 0 };
    worker.on('message', (m: QueryWorkerMessage) => {
      const part = slot.part;
      if (!part || m.id !== slot.id) return;
      if (m.type === 'batch') {
        part.push(m.batch, m.bytesDone);
        if (part.held(this.maxInFlight, this.maxKiBInFlight)) this.relieve();
      }
      else {
        slot.part = null;
        if (m.type === 'done') part.finish(m.bytesDone, m.complete);
        else part.finish(part.bytesDone, false, new AppFailure(appError('internal', `query worker: ${m.message}`)));
        worker.unref();
        this.pump();
      }
    });
    const gone = (err?: Error): void => {
      const part = slot.part;
      slot.part = null;
      if (part && !part.done) part.finish(part.bytesDone, false, err ?? new Error('query worker exited'));
      const k = this.slots.indexOf(slot);
      if (k >= 0) this.slots.splice(k, 1);
      this.pump();
    };
    worker.on('error', (e) => gone(e));
    worker.on('exit', () => {
      this.stats.exited++;
      gone();
    });
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const k = this.slots.indexOf(slot);
    if (k >= 0) this.slots.splice(k, 1);
    slot.part = null;
    void slot.worker.terminate();
  }

  /** Idle workers leave after idleMs without work. */
  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.slots.length === 0 || this.slots.some((s) => s.part)) return;
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }
}

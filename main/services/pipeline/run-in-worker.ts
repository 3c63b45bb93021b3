/**
 * pipeline.run's line loop in a worker thread (main/adapters/workers/pipeline-worker.ts): the
 * lines and the config go over, the results come back as plain data. A cancel (the handler's
 * AbortSignal) terminates the worker at once, wherever the loop is.
 */
import { AppFailure, type AppError } from '../../../shared/model/app-error';
import { spawnWorker } from '../../adapters/workers/worker-entry';
import type { PipelineConfig } from '../../engines/pipeline-config/index';
import type { TraceStep } from '../../engines/pipeline/runner';
import type { PipelineEntry } from '../../engines/pipeline/types';
import type { InputLine } from './input-lines';
import type { Drop } from './run-lines';
import type { SampledSeries } from './sample-metrics';

export interface PipelineWorkerInput {
  config: PipelineConfig;
  lines: readonly InputLine[];
  traceLine?: number;
}

export interface WorkerRun {
  output: { from: number; entry: PipelineEntry }[];
  dropped: Drop[];
  trace: TraceStep[] | null;
  metrics: SampledSeries[];
  exposition: string;
}

export type PipelineWorkerMessage = ({ type: 'done' } & WorkerRun) | { type: 'error'; message: string; failure?: AppError };

export function runLinesInWorker(config: PipelineConfig, lines: readonly InputLine[], options: { traceLine?: number; signal: AbortSignal }): Promise<WorkerRun> {
  const { signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  const input: PipelineWorkerInput = { config, lines, ...(options.traceLine !== undefined ? { traceLine: options.traceLine } : {}) };
  const worker = spawnWorker('pipeline-worker', { workerData: input });
  return new Promise<WorkerRun>((resolve, reject) => {
    let finished = false;
    const finish = (f: () => void) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: PipelineWorkerMessage) => {
      if (m.type === 'done') {
        const { type: _type, ...run } = m;
        finish(() => resolve(run));
      } else finish(() => reject(m.failure ? new AppFailure(m.failure) : new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`pipeline worker exited (code ${code})`))));
  });
}

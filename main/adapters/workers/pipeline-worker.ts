/**
 * Worker thread for `pipeline.run`: runs the lines through the pipeline (runLines) off the main
 * thread, so a long preview never stalls other requests; what it posts back is plain data (the
 * output entries, drops, the traced line, the sampled metrics and the exposition text). One run
 * per worker: the service terminates it on cancel.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../../shared/model/app-error';
import { runLines } from '../../services/pipeline/run-lines';
import { sampleMetrics } from '../../services/pipeline/sample-metrics';
import type { PipelineWorkerInput, PipelineWorkerMessage } from '../../services/pipeline/run-in-worker';

const input = workerData as PipelineWorkerInput;
const post = (m: PipelineWorkerMessage) => parentPort!.postMessage(m);

runLines(input.config, input.lines, { traceLine: input.traceLine, signal: new AbortController().signal }).then(
  (run) => post({ type: 'done', output: run.output, dropped: run.dropped, trace: run.trace, metrics: sampleMetrics(run.registry).series, exposition: run.registry.exposition() }),
  (e: unknown) => {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(e instanceof AppFailure ? { failure: e.error } : {}) });
  },
);

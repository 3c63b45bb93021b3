/**
 * The `pipeline.run` and `pipeline.export` handlers: parse the pasted config (positioned errors
 * go back as data, the editor draws them), read the chosen streams' first lines merged by time,
 * run them through the pipeline (in a worker thread) and answer with the output, the drops, the trace of one line,
 * the metrics on log time and the exposition text.
 */
import type { PipelineEntryView, PipelineRun, StageTrace } from '../../../shared/contract/pipelines';
import { exportPipeline, importPipelineConfig, type ExportFormat } from '../../engines/pipeline-config/index';
import type { TraceStep } from '../../engines/pipeline/runner';
import type { PipelineEntry } from '../../engines/pipeline/types';
import { readInputLines, type LocalStream } from './input-lines';
import { runLinesInWorker } from './run-in-worker';
import { stageContext } from './stage-context';

export interface RunInput {
  config: string;
  streamIds: string[];
  maxLines: number;
  traceLine?: number;
}

/** bigint values cannot cross the wire; JSON-safe copies of what the stages extracted. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

export function entryView(e: PipelineEntry): PipelineEntryView {
  return {
    labels: { ...e.labels },
    extracted: jsonSafe(e.extracted) as Record<string, unknown>,
    line: e.line,
    timestampNs: e.timestampNs.toString(),
    structuredMetadata: { ...e.structuredMetadata },
  };
}

export function traceView(steps: TraceStep[]): StageTrace[] {
  return steps.map((s) => ({ stage: s.type, path: s.path, before: entryView(s.before), after: s.after.map(entryView), notes: s.notes }));
}

export async function runPipeline(input: RunInput, streams: LocalStream[], signal: AbortSignal): Promise<PipelineRun> {
  const imported = importPipelineConfig(input.config, stageContext());
  if (!imported.ok) return { ok: false, errors: imported.errors };
  const lines = await readInputLines(imported.config, imported.shape, streams, input.streamIds, input.maxLines, signal);
  // The line loop runs in a worker thread (cancel terminates it); see run-in-worker.ts.
  const run = await runLinesInWorker(imported.config, lines, { traceLine: input.traceLine, signal });
  return {
    ok: true,
    input: lines.map((l) => ({ streamId: l.streamId, line: l.line, timestampNs: (BigInt(Math.round(l.tsMs)) * 1_000_000n).toString() })),
    output: run.output.map(({ from, entry }) => ({ ...entryView(entry), from })),
    dropped: run.dropped,
    trace: run.trace ? traceView(run.trace) : null,
    metrics: run.metrics,
    exposition: run.exposition,
  };
}

export async function exportPipelineConfig(input: { config: string; format: ExportFormat }) {
  return exportPipeline(input.config, input.format, stageContext());
}

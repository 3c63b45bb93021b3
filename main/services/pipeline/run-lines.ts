/**
 * Runs the lines through the pipeline as Promtail would: one pipeline instance per job (so
 * stateful stages — multiline, limit, timestamp's fudge, metrics — see every line of the run),
 * each line an entry with its stream's labels and its detected timestamp as the read time,
 * a flush at the end. Every line is traced (the runner clones the entry around each stage) so
 * that a drop can be pinned to the stage that returned nothing; the trace itself is handed to
 * `onLine` and kept only for the line asked for. Yields to the event loop between chunks so a
 * cancel (the handler's AbortSignal) is noticed and other requests are served.
 */
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { PipelineConfig } from '../../engines/pipeline-config/index';
import { MetricsRegistry } from '../../engines/pipeline/metrics-registry';
import { buildPipeline, type Pipeline, type TraceStep } from '../../engines/pipeline/runner';
import type { PipelineEntry } from '../../engines/pipeline/types';
import type { InputLine } from './input-lines';
import { stageContext } from './stage-context';

export interface LineResult {
  /** Index of the input line, -1 for what the final flush let out. */
  from: number;
  entries: PipelineEntry[];
  trace: TraceStep[];
}

export interface Drop {
  from: number;
  stage: string;
  reason: string;
}

export interface LinesRun {
  registry: MetricsRegistry;
  output: { from: number; entry: PipelineEntry }[];
  dropped: Drop[];
  trace: TraceStep[] | null;
}

const CHUNK = 500;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Where an entry disappeared: a stage that turned an entry into nothing. Multiline returning
 * nothing is buffering, not dropping: the line comes out later inside a block.
 */
export function dropsOf(from: number, trace: TraceStep[]): Drop[] {
  const drops: Drop[] = [];
  const emptied = trace.filter((s) => s.after.length === 0 && s.type !== 'multiline');
  for (const step of emptied) {
    // A match whose nested stage dropped the entry: the nested step says why, once.
    if (emptied.some((inner) => inner.path.startsWith(`${step.path} > `))) continue;
    const why = step.notes.filter((n) => /drop|limit|sampl|match/i.test(n));
    drops.push({ from, stage: step.type, reason: (why.length ? why : step.notes).join('; ') || `dropped by the ${step.type} stage (${step.path})` });
  }
  return drops;
}

export function buildJobPipelines(config: PipelineConfig, registry: MetricsRegistry): Pipeline[] {
  return config.jobs.map((job) => {
    const built = buildPipeline(job.stages, stageContext(registry));
    if (!built.ok) throw new AppFailure(appError('bad_input', built.error));
    return built.pipeline;
  });
}

export async function runLines(
  config: PipelineConfig,
  lines: readonly InputLine[],
  options: { traceLine?: number; signal: AbortSignal; onLine?: (r: LineResult) => void },
): Promise<LinesRun> {
  const registry = new MetricsRegistry();
  const pipelines = buildJobPipelines(config, registry);
  const run: LinesRun = { registry, output: [], dropped: [], trace: null };
  const take = (from: number, r: { entries: PipelineEntry[]; trace?: TraceStep[] }) => {
    const trace = r.trace ?? [];
    for (const entry of r.entries) run.output.push({ from, entry });
    if (from >= 0) run.dropped.push(...dropsOf(from, trace));
    if (from >= 0 && from === options.traceLine) run.trace = trace;
    options.onLine?.({ from, entries: r.entries, trace });
  };
  for (let i = 0; i < lines.length; i++) {
    if (i % CHUNK === 0 && i > 0) {
      await yieldToLoop();
      options.signal.throwIfAborted();
    }
    const l = lines[i]!;
    const entry: PipelineEntry = { labels: { ...l.labels }, extracted: {}, line: l.line, timestampNs: BigInt(Math.round(l.tsMs)) * 1_000_000n, structuredMetadata: {} };
    take(i, pipelines[l.job]!.process(entry, { trace: true }));
  }
  options.signal.throwIfAborted();
  for (const p of pipelines) take(-1, p.flush({ trace: true }));
  return run;
}

/**
 * The pipeline runner, as Promtail's NewPipeline and Pipeline.Run: buildPipeline validates and
 * creates each `- <type>: <config>` stage through the registry (errors worded as Promtail's:
 * "invalid <type> stage config: …", "Unknown stage type: …", "pipeline stage must contain only
 * one key"); process copies the entry's labels into its extracted map (extracted[k] = v, as
 * Pipeline.Run does) and runs the stages in order, each turning one entry into zero or more;
 * flush passes what stages still buffer through the stages after them. Never throws per entry: a
 * stage that throws leaves the entry as it was and records a note.
 */
import { STAGES } from './registry';
import { copyLabels } from './stages/run-stages';
import type { BuildStages, PipelineEntry, Stage, StageContext, StageTracer } from './types';

export interface TraceStep {
  type: string;
  /** Where the stage sits: "match[0]", and for nested stages "match[0] > regex[0]". */
  path: string;
  before: PipelineEntry;
  after: PipelineEntry[];
  notes: string[];
}

export interface ProcessResult {
  entries: PipelineEntry[];
  trace?: TraceStep[];
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  process(entry: PipelineEntry, options?: { trace?: boolean }): ProcessResult;
  flush(options?: { trace?: boolean }): ProcessResult;
}

export type BuildResult = { ok: true; pipeline: Pipeline } | { ok: false; error: string };

const isPlainMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).map((k) => `${k}:${goSprint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

/** Builds a list of stages (the top level, match's `stages`, docker's and cri's inner pipelines). */
export const buildStages: BuildStages = (raw, ctx) => {
  if (raw === null || raw === undefined) return { ok: true, stages: [] };
  if (!Array.isArray(raw)) return { ok: false, error: `invalid YAML config, pipeline_stages must be a list, got ${goSprint(raw)}` };
  const stages: Stage[] = [];
  for (const item of raw) {
    if (!isPlainMap(item))
      return { ok: false, error: `invalid YAML config, make sure each stage of your pipeline is a YAML object (must end with a \`:\`), check stage \`- ${goSprint(item)}\`` };
    const keys = Object.keys(item);
    if (keys.length > 1) return { ok: false, error: 'pipeline stage must contain only one key' };
    for (const type of keys) {
      const def = STAGES.get(type);
      if (!def) return { ok: false, error: `invalid ${type} stage config: Unknown stage type: ${type}` };
      const v = def.validate(item[type], ctx);
      if (!v.ok) return { ok: false, error: `invalid ${type} stage config: ${v.error}` };
      try {
        stages.push(def.create(v.config, ctx, buildStages));
      } catch (e) {
        return { ok: false, error: `invalid ${type} stage config: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
  }
  return { ok: true, stages };
};

export function cloneEntry(e: PipelineEntry): PipelineEntry {
  return { labels: { ...e.labels }, extracted: structuredCloneJson(e.extracted), line: e.line, timestampNs: e.timestampNs, structuredMetadata: { ...e.structuredMetadata } };
}

function structuredCloneJson(x: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = typeof v === 'object' && v !== null ? JSON.parse(JSON.stringify(v)) : v;
  return out;
}

export function buildPipeline(raw: unknown, ctx: StageContext): BuildResult {
  // Notes go to the stage being traced (and to the caller's sink).
  let notes: string[] | null = null;
  const inner: StageContext = {
    ...ctx,
    note(message) {
      notes?.push(message);
      ctx.note(message);
    },
  };
  const built = buildStages(raw, inner);
  if (!built.ok) return built;
  const stages = built.stages;

  const safeProcess = (stage: Stage, e: PipelineEntry, tracer?: StageTracer): PipelineEntry[] => {
    try {
      return stage.process(e, tracer);
    } catch (err) {
      inner.note(`${stage.type} stage failed: ${err instanceof Error ? err.message : String(err)}`);
      return [e];
    }
  };

  /** A tracer writing steps under `prefix`; notes go to the innermost stage being run. */
  const tracerFor = (trace: TraceStep[], prefix: string): StageTracer => ({
    step(stage, index, e, run) {
      const path = `${prefix}${stage.type}[${index}]`;
      const step: TraceStep = { type: stage.type, path, before: cloneEntry(e), after: [], notes: [] };
      trace.push(step);
      const outer = notes;
      notes = step.notes;
      const out = run(tracerFor(trace, `${path} > `));
      notes = outer;
      step.after = out.map(cloneEntry);
      return out;
    },
  });

  const run = (entries: PipelineEntry[], from: number, trace: TraceStep[] | undefined): PipelineEntry[] => {
    const tracer = trace ? tracerFor(trace, '') : undefined;
    let current = entries;
    // Not tracing, one entry in and one out per stage (the common case): no intermediate arrays.
    if (!tracer) {
      let i = from;
      for (; i < stages.length && current.length === 1; i++) current = safeProcess(stages[i]!, current[0]!);
      if (i >= stages.length || current.length === 0) return current;
      from = i;
    }
    for (let i = from; i < stages.length && current.length > 0; i++) {
      const stage = stages[i]!;
      const next: PipelineEntry[] = [];
      for (const e of current) next.push(...(tracer ? tracer.step(stage, i, e, (nested) => safeProcess(stage, e, nested)) : safeProcess(stage, e)));
      current = next;
    }
    return current;
  };

  const pipeline: Pipeline = {
    stages,
    process(entry, options = {}) {
      copyLabels(entry);
      const trace = options.trace ? [] : undefined;
      const entries = run([entry], 0, trace);
      return trace ? { entries, trace } : { entries };
    },
    flush(options = {}) {
      const trace = options.trace ? [] : undefined;
      const entries: PipelineEntry[] = [];
      for (let i = 0; i < stages.length; i++) {
        let flushed: PipelineEntry[] = [];
        try {
          flushed = stages[i]!.flush?.() ?? [];
        } catch (err) {
          inner.note(`${stages[i]!.type} stage failed to flush: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (flushed.length) entries.push(...run(flushed, i + 1, trace));
      }
      return trace ? { entries, trace } : { entries };
    },
  };
  return { ok: true, pipeline };
}

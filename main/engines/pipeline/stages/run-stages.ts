/**
 * Runs entries through a list of stages in order (what a nested Promtail Pipeline does for
 * match): each stage may emit zero or more entries per input, and flush passes each stage's
 * buffered entries through the stages after it.
 */
import type { PipelineEntry, Stage, StageTracer } from '../types';

/** extracted[k] = labels[k] for every label, as a Promtail Pipeline does before its stages. */
export function copyLabels(entry: PipelineEntry): void {
  const labels = entry.labels;
  const extracted = entry.extracted;
  for (const k in labels) if (Object.prototype.hasOwnProperty.call(labels, k)) extracted[k] = labels[k];
}

export function runStages(stages: readonly Stage[], entries: PipelineEntry[], from = 0, tracer?: StageTracer): PipelineEntry[] {
  let current = entries;
  // One entry in, one out per stage (the common case): no intermediate arrays.
  if (!tracer) {
    let i = from;
    for (; i < stages.length && current.length === 1; i++) current = stages[i]!.process(current[0]!);
    if (i >= stages.length || current.length === 0) return current;
    from = i;
  }
  for (let i = from; i < stages.length && current.length > 0; i++) {
    const stage = stages[i]!;
    const next: PipelineEntry[] = [];
    for (const e of current) next.push(...(tracer ? tracer.step(stage, i, e, (nested) => stage.process(e, nested)) : stage.process(e)));
    current = next;
  }
  return current;
}

export function flushStages(stages: readonly Stage[]): PipelineEntry[] {
  const out: PipelineEntry[] = [];
  for (let i = 0; i < stages.length; i++) {
    const flushed = stages[i]!.flush?.() ?? [];
    if (flushed.length > 0) out.push(...runStages(stages, flushed, i + 1));
  }
  return out;
}

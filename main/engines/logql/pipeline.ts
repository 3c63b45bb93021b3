/**
 * The log pipeline, after Loki's pipeline.go and syntax's MultiStageExpr: stages are
 * validated and built once per query, line filters move ahead of parsers exactly as Loki
 * reorders them, the per-stream part is cached per label set, and `process` never throws.
 */
import type { LogqlError, PipelineStage, Span } from '../../../shared/logql/ast';
import { capturedParsers } from './parsers';
import { decolorize, dropLabels, keepLabels, labelFormat, lineFormat } from './formatters';
import { goQuote } from './go-strconv';
import { buildLabelFilter, earlyFilter, ipFilterError } from './label-filter';
import { LabelsBuilder, type EarlyFilter, type Labels } from './labels-builder';
import { lineFiltersStage } from './line-filter';
import type { LogqlPorts } from './ports';
import type { Stage } from './stage';

export interface ProcessedEntry {
  line: string;
  /** The entry's labels as Loki returns them: stream labels, parsed labels, errors; sorted. */
  labels: Labels;
}

export interface StreamPipeline {
  /** The processed entry, or null when a stage drops it. Never throws. */
  process(tsNs: bigint, line: string): ProcessedEntry | null;
}

export interface Pipeline {
  /** The pipeline for one stream, cached per label set. */
  forStream(labels: Labels): StreamPipeline;
}

export type BuildPipelineResult = { ok: true; pipeline: Pipeline } | { ok: false; error: LogqlError };

type Group = { kind: 'lineFilters'; filters: Extract<PipelineStage, { kind: 'lineFilter' }>[] } | { kind: 'stage'; stage: PipelineStage };

/** Loki's reorderStages: line filters move before neighbouring parsers, never past label filters, line_format or unpack. */
export function reorderStages(stages: PipelineStage[]): Group[] {
  const result: Group[] = [];
  let lineFilters: Extract<PipelineStage, { kind: 'lineFilter' }>[] = [];
  let others: PipelineStage[] = [];
  const combine = (): void => {
    if (lineFilters.length > 0) result.push({ kind: 'lineFilters', filters: lineFilters });
    for (const s of others) result.push({ kind: 'stage', stage: s });
    lineFilters = [];
    others = [];
  };
  for (const s of stages) {
    if (s.kind === 'labelFilter') {
      combine();
      result.push({ kind: 'stage', stage: s });
    } else if (s.kind === 'lineFilter') lineFilters.push(s);
    else if (s.kind === 'lineFormat') {
      others.push(s);
      combine();
    } else {
      others.push(s);
      if (s.kind === 'unpack') combine();
    }
  }
  combine();
  return result;
}

function stageText(s: PipelineStage): string {
  switch (s.kind) {
    case 'lineFormat':
      return `| line_format ${goQuote(s.template)}`;
    case 'labelFormat':
      return `| label_format ${s.ops.map((o) => (o.kind === 'rename' ? `${o.dst}=${o.src}` : `${o.dst}=${goQuote(o.template)}`)).join(',')}`;
    default:
      return `| ${s.kind}`;
  }
}

const fail = (message: string, span: Span): BuildPipelineResult => ({ ok: false, error: { message, span } });

export interface PipelineOptions {
  /** Called when a stage throws (a bug): the entry is dropped and the query goes on. */
  onInternalError?: (error: unknown) => void;
}

export function buildPipeline(stages: PipelineStage[], ports: LogqlPorts, options: PipelineOptions = {}): BuildPipelineResult {
  const built: Stage[] = [];
  const early: EarlyFilter[] = [];
  for (const g of reorderStages(stages)) {
    if (g.kind === 'lineFilters') {
      const f = lineFiltersStage(g.filters, ports.regex);
      if (!f.ok) return fail(`parse error : ${f.error}`, g.filters[0]!.span);
      if (f.value) built.push(f.value);
      continue;
    }
    const s = g.stage;
    let r: { ok: true; value: Stage } | { ok: false; error: string };
    switch (s.kind) {
      case 'labelFilter': {
        const ipErr = ipFilterError(s.filter);
        if (ipErr) return fail(`parse error : ${ipErr}`, s.span);
        const lf = buildLabelFilter(s.filter, ports.regex);
        if (!lf.ok) return fail(`parse error : ${lf.error}`, s.span);
        if (lf.value.noop) continue;
        const filter = lf.value;
        const e = earlyFilter(filter);
        if (e) early.push(e);
        r = { ok: true, value: { process: (_ts, line, lbs) => (filter.test(lbs) ? line : null) } };
        break;
      }
      case 'lineFormat':
        r = lineFormat(s.template, ports);
        break;
      case 'labelFormat':
        r = labelFormat(s.ops, ports);
        break;
      case 'drop':
        r = dropLabels(s.labels, ports);
        break;
      case 'keep':
        r = keepLabels(s.labels, ports);
        break;
      case 'decolorize':
        r = decolorize(ports);
        break;
      case 'lineFilter':
        continue;
      default: {
        const p = capturedParsers(s, ports);
        if (!p.ok) return fail(p.error.startsWith('invalid ') ? `parse error : ${p.error}` : `parse error : stage '${stageText(s)}' : ${p.error}`, s.span);
        r = p;
      }
    }
    if (!r.ok) return fail(`parse error : stage '${stageText(s)}' : ${r.error}`, s.span);
    built.push(r.value);
  }
  return { ok: true, pipeline: new CachedPipeline(built, early, options.onInternalError) };
}

function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

class CachedPipeline implements Pipeline {
  private readonly streams = new Map<string, StreamPipeline>();
  constructor(
    private readonly stages: Stage[],
    private readonly early: EarlyFilter[],
    private readonly onError?: (error: unknown) => void,
  ) {}

  forStream(labels: Labels): StreamPipeline {
    const key = labelsKey(labels);
    let sp = this.streams.get(key);
    if (!sp) {
      sp = new OneStreamPipeline(this.stages, new LabelsBuilder({ ...labels }, this.early), this.onError);
      this.streams.set(key, sp);
    }
    return sp;
  }
}

class OneStreamPipeline implements StreamPipeline {
  constructor(
    private readonly stages: Stage[],
    private readonly lbs: LabelsBuilder,
    private readonly onError?: (error: unknown) => void,
  ) {}

  process(tsNs: bigint, line: string): ProcessedEntry | null {
    const lbs = this.lbs;
    lbs.reset();
    let current = line;
    try {
      for (const s of this.stages) {
        const next = s.process(tsNs, current, lbs);
        if (next === null) return null;
        current = next;
      }
      return { line: current, labels: lbs.toLabels() };
    } catch (e) {
      // A stage bug must not take the query down: the entry is dropped, as a failed filter would.
      this.onError?.(e);
      return null;
    }
  }
}

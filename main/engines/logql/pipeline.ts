/**
 * The log pipeline, after Loki's pipeline.go and syntax's MultiStageExpr: stages are
 * validated and built once per query, line filters move ahead of parsers exactly as Loki
 * reorders them, the per-stream part is cached per label set, and `process` never throws.
 */
import type { LabelFilterExpr, LogqlError, PipelineStage, Span } from '../../../shared/logql/ast';
import { capturedParsers } from './parsers';
import { decolorize, dropLabels, keepLabels, labelFormat, lineFormat } from './formatters';
import { goQuote } from './go-strconv';
import { filterNames, stagesRequiredNames } from './hint-names';
import { buildLabelFilter, ipFilterError, type LabelFilter } from './label-filter';
import { LabelsBuilder, type Labels } from './labels-builder';
import { logQueryHints, newParserHint, ParserHints, type HintConfig, type HintFilter } from './parser-hints';
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
  /**
   * process() without building the label set: the line, its labels left in `labels` until the
   * next call (for a scanner that ships them flat). Never throws.
   */
  processLine(tsNs: bigint, line: string): string | null;
  readonly labels: LabelsBuilder;
}

export interface Pipeline {
  /** The parser hints every stream's labels builder starts from (what tests inspect). */
  readonly hints: HintConfig;
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

/**
 * Whether a stage may read the entry's timestamp (line_format / label_format templates, through
 * `__timestamp__` and friends). When none does, a scanner may run the pipeline first and work
 * out the time only for the lines it keeps.
 */
export function stagesReadTime(stages: readonly PipelineStage[]): boolean {
  return stages.some((s) => s.kind === 'lineFormat' || s.kind === 'labelFormat');
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

/** What a sample extractor tells NewParserHint beyond the stages (metrics_extraction.go). */
export interface MetricHintSpec {
  groups: readonly string[];
  without: boolean;
  noLabels: boolean;
  /** The unwrapped label ("" for count/bytes extractors). */
  metricLabelName: string;
  /** The unwrap's post filters: Loki reduces them to one filter and lists it after the stages. */
  postFilters: readonly LabelFilterExpr[];
}

export interface PipelineOptions {
  /** Called when a stage throws (a bug): the entry is dropped and the query goes on. */
  onInternalError?: (error: unknown) => void;
  /** Sample extraction's parser hints; without it, a log query's (label filters only). */
  metricHints?: MetricHintSpec;
}

const hintFilter = (f: LabelFilter): HintFilter => ({ names: f.noop ? [] : f.names, matches: (lbs) => f.test(lbs) });

/** NewParserHint's inputs from the built stages, for a log query or a sample extractor. */
function hintConfig(stages: PipelineStage[], filters: HintFilter[], noops: Set<PipelineStage>, spec: MetricHintSpec | undefined, ports: LogqlPorts): HintConfig {
  if (!spec) return logQueryHints(filters);
  const required = stagesRequiredNames(stages, (s) => noops.has(s));
  const post = spec.postFilters;
  // ReduceAndLabelFilter: none → a no-op filter, one → itself, more → an `and` (never early).
  if (post.length === 0) filters.push({ names: [], matches: () => true });
  if (post.length >= 1) required.push(...new Set(post.flatMap((f) => filterNames(f))));
  if (post.length === 1 && post[0]!.kind !== 'and' && post[0]!.kind !== 'or') {
    const b = buildLabelFilter(post[0]!, ports.regex);
    if (b.ok) filters.push(hintFilter(b.value));
  }
  return newParserHint({ requiredLabelNames: required, groups: spec.groups, without: spec.without, noLabels: spec.noLabels, metricLabelName: spec.metricLabelName, filters });
}

export function buildPipeline(stages: PipelineStage[], ports: LogqlPorts, options: PipelineOptions = {}): BuildPipelineResult {
  const built: Stage[] = [];
  const hintFilters: HintFilter[] = [];
  const noops = new Set<PipelineStage>();
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
        const filter = lf.value;
        // Binary filters never run early; a no-op one is still listed (Loki's alignment quirk).
        if (!filter.binary) hintFilters.push(hintFilter(filter));
        if (filter.noop) {
          noops.add(s);
          continue;
        }
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
  const hints = hintConfig(stages, hintFilters, noops, options.metricHints, ports);
  return { ok: true, pipeline: new CachedPipeline(built, hints, options.onInternalError) };
}

function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

class CachedPipeline implements Pipeline {
  private readonly streams = new Map<string, StreamPipeline>();
  constructor(
    private readonly stages: Stage[],
    readonly hints: HintConfig,
    private readonly onError?: (error: unknown) => void,
  ) {}

  forStream(labels: Labels): StreamPipeline {
    const key = labelsKey(labels);
    let sp = this.streams.get(key);
    if (!sp) {
      sp = new OneStreamPipeline(this.stages, new LabelsBuilder({ ...labels }, new ParserHints(this.hints)), this.onError);
      this.streams.set(key, sp);
    }
    return sp;
  }
}

class OneStreamPipeline implements StreamPipeline {
  constructor(
    private readonly stages: Stage[],
    readonly labels: LabelsBuilder,
    private readonly onError?: (error: unknown) => void,
  ) {}

  process(tsNs: bigint, line: string): ProcessedEntry | null {
    const out = this.processLine(tsNs, line);
    return out === null ? null : { line: out, labels: this.labels.toLabels() };
  }

  processLine(tsNs: bigint, line: string): string | null {
    const lbs = this.labels;
    lbs.reset();
    let current = line;
    try {
      for (const s of this.stages) {
        const next = s.process(tsNs, current, lbs);
        if (next === null) return null;
        current = next;
      }
      return current;
    } catch (e) {
      // A stage bug must not take the query down: the entry is dropped, as a failed filter would.
      this.onError?.(e);
      return null;
    }
  }
}

/**
 * Loki's SampleExtractor (pkg/logql/log/metrics_extraction.go) over Vigie's log pipeline: per
 * stream, the pipeline runs, then a value is taken from the line (count: 1, bytes: its UTF-8
 * length) or from an unwrapped label (float / bytes / duration conversions; a failure sets
 * __error__=SampleExtractionErr and __error_details__, then the post-unwrap label filters run),
 * and the sample gets the labels Loki's LabelsBuilder.GroupedLabels would give it.
 */
import type { LabelFilterExpr, LogqlError, PipelineStage, RangeOp, Unwrap } from '../../../../shared/logql/ast';
import { goParseBytes, goParseDuration, goParseFloat, type GoParse } from '../go-strconv';
import { buildLabelFilter, type LabelFilter } from '../label-filter';
import { LabelsBuilder } from '../labels-builder';
import { buildPipeline, type MetricHintSpec, type Pipeline } from '../pipeline';
import type { LogqlPorts } from '../ports';
import { ERROR, ERROR_DETAILS, hasOwn, labelsKey, type Labels } from './labels';

export const ERR_SAMPLE_EXTRACTION = 'SampleExtractionErr';

export interface ExtractorSpec {
  op: RangeOp;
  stages: PipelineStage[];
  unwrap: Unwrap | null;
  /** Grouping applied at extraction (the range aggregation's own, or a parent sum's pushed down). */
  groups: string[];
  without: boolean;
  /** `by ()`: every sample gets the empty label set (errors excepted). */
  noLabels: boolean;
}

export interface ExtractedSample {
  value: number;
  labels: Labels;
}

export type StreamExtractor = (tsNs: bigint, line: string) => ExtractedSample | null;

export interface SampleExtractor {
  forStream(labels: Labels): StreamExtractor;
}

export type ExtractorResult = { ok: true; extractor: SampleExtractor } | { ok: false; error: LogqlError };

/** UTF-8 byte length of a line, as Go's len([]byte(line)). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** time.Duration.Seconds(): whole seconds plus the remainder, in that order, for Go's rounding. */
function durationSeconds(ns: number): number {
  const sec = Math.trunc(ns / 1e9);
  return sec + (ns - sec * 1e9) / 1e9;
}

function converter(conversion: Unwrap['conversion']): (v: string) => GoParse<number> {
  switch (conversion) {
    case 'bytes':
      return goParseBytes;
    case 'duration':
    case 'duration_seconds':
      return (v) => {
        const d = goParseDuration(v);
        return d.ok ? { ok: true, value: durationSeconds(d.value) } : d;
      };
    default:
      return goParseFloat;
  }
}

/**
 * GroupedLabels: with an error, every label (the error must not be lost); `by ()` → {}; no
 * grouping → all labels; `without` → all but the groups and the error pair; `by` → the groups
 * that are present (a parsed label with an empty value counts).
 */
export function groupedLabels(all: Labels, spec: Pick<ExtractorSpec, 'groups' | 'without' | 'noLabels'>): Labels {
  if (hasOwn(all, ERROR) && all[ERROR] !== '') return all;
  if (spec.noLabels) return {};
  if (spec.groups.length === 0) return all;
  // One pass: the error pair is never kept (as without(all, [ERROR, ERROR_DETAILS]) first).
  const out: Labels = {};
  for (const k in all) {
    if (k === ERROR || k === ERROR_DETAILS) continue;
    if (spec.groups.includes(k) !== spec.without) out[k] = all[k]!;
  }
  return out;
}

/**
 * What NewLineSampleExtractor / LabelExtractorWithStages hand NewParserHint: the extraction's
 * own grouping (the unwrapped label added to a `without` one) and the unwrap's post filters.
 */
export function metricHintSpec(spec: ExtractorSpec): MetricHintSpec {
  const g = groupingFor(spec);
  return { groups: g.groups, without: g.without, noLabels: spec.noLabels, metricLabelName: spec.unwrap?.label ?? '', postFilters: spec.unwrap?.postFilters ?? [] };
}

export function buildExtractor(spec: ExtractorSpec, ports: LogqlPorts): ExtractorResult {
  const groupsOf = groupingFor(spec);
  const built = buildPipeline(spec.stages, ports, { metricHints: metricHintSpec(spec) });
  if (!built.ok) return built;
  const pipeline: Pipeline = built.pipeline;
  const post: LabelFilter[] = [];
  for (const f of spec.unwrap?.postFilters ?? ([] as LabelFilterExpr[])) {
    const b = buildLabelFilter(f, ports.regex);
    if (!b.ok) return { ok: false, error: { message: `parse error : ${b.error}`, span: spec.unwrap!.span } };
    if (!b.value.noop) post.push(b.value);
  }
  const cache = new Map<string, StreamExtractor>();
  const make = (streamLabels: Labels): StreamExtractor => {
    const sp = pipeline.forStream(streamLabels);
    if (!spec.unwrap) {
      const bytes = spec.op === 'bytes_over_time' || spec.op === 'bytes_rate';
      // Lines that changed no label share one label set object: group it once.
      let lastIn: Labels | null = null;
      let lastOut: Labels = {};
      return (ts, line) => {
        const out = sp.process(ts, line);
        if (!out) return null;
        if (out.labels !== lastIn) {
          lastIn = out.labels;
          lastOut = groupedLabels(out.labels, groupsOf);
        }
        return { value: bytes ? utf8Length(out.line) : 1, labels: lastOut };
      };
    }
    const name = spec.unwrap.label;
    const convert = converter(spec.unwrap.conversion);
    return (ts, line) => {
      const out = sp.process(ts, line);
      if (!out) return null;
      const text = out.labels[name];
      // A line without the label (or with an empty value) gives no sample (Loki issue 6713).
      if (text === undefined || text === '' || name === ERROR || name === ERROR_DETAILS) return null;
      const lbs = new LabelsBuilder({});
      for (const [k, v] of Object.entries(out.labels)) if (k !== ERROR && k !== ERROR_DETAILS) lbs.set(k, v);
      if (out.labels[ERROR]) lbs.setError(out.labels[ERROR]!, out.labels[ERROR_DETAILS] ?? '');
      else if (out.labels[ERROR_DETAILS]) lbs.errDetails = out.labels[ERROR_DETAILS]!;
      const parsed = convert(text);
      let value = 0;
      if (parsed.ok) value = parsed.value;
      else lbs.setError(ERR_SAMPLE_EXTRACTION, parsed.error);
      for (const f of post) if (!f.test(lbs)) return null;
      return { value, labels: groupedLabels(lbs.toLabels(), groupsOf) };
    };
  };
  return {
    ok: true,
    extractor: {
      forStream(labels) {
        const key = labelsKey(labels);
        let e = cache.get(key);
        if (!e) cache.set(key, (e = make(labels)));
        return e;
      },
    },
  };
}

/** LabelExtractorWithStages: without grouping (or with `without`), the unwrapped label is dropped. */
function groupingFor(spec: ExtractorSpec): Pick<ExtractorSpec, 'groups' | 'without' | 'noLabels'> {
  if (!spec.unwrap) return spec;
  if (spec.groups.length === 0 || spec.without) {
    return { groups: [...new Set([...spec.groups, spec.unwrap.label])].sort(), without: true, noLabels: spec.noLabels };
  }
  return spec;
}

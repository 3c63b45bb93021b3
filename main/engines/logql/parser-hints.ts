/**
 * Loki's parser hints (pkg/logql/log/parser_hints.go). A metric query that groups `by` some
 * labels needs only those (plus the unwrapped label and the labels its stages read), so the
 * parsers extract only them and stop once they all have been: cheaper, and visible in answers
 * (a duplicate key keeps its first value, a syntax error past the stop point goes unnoticed).
 * Log queries, `without` grouping and no grouping get no required labels: every key is parsed.
 */
import type { LabelsBuilder } from './labels-builder';

export const ERROR_LABEL = '__error__';
export const PRESERVE_ERROR_LABEL = '__preserve_error__';
const DUPLICATE_SUFFIX = '_extracted';

/**
 * A label filter as hints hold it (Loki's LabelFilterer): `names` is RequiredLabelNames() —
 * empty for a no-op filter (`=~".*"`), which Loki still lists, shifting the names after it.
 */
export interface HintFilter {
  names: readonly string[];
  matches(lbs: LabelsBuilder): boolean;
}

/** The immutable part, built once per query; each labels builder gets its own state. */
export interface HintConfig {
  readonly noLabels: boolean;
  readonly required: readonly string[];
  readonly preserveError: boolean;
  /** Index-aligned as Loki aligns them (see HintFilter). */
  readonly filters: readonly HintFilter[];
  readonly filterNames: readonly string[];
}

export const NO_HINTS: HintConfig = { noLabels: false, required: [], preserveError: false, filters: [], filterNames: [] };

/** appendLabelHints: a name ending in `_extracted` also asks for the name without the suffix. */
function appendLabelHints(dst: string[], src: readonly string[]): void {
  for (const l of src) {
    dst.push(l);
    if (l.endsWith(DUPLICATE_SUFFIX)) dst.push(l.slice(0, -DUPLICATE_SUFFIX.length));
  }
}

export interface HintInput {
  /** RequiredLabelNames() of the stages (label filters, line_format / label_format fields…). */
  requiredLabelNames: readonly string[];
  groups: readonly string[];
  without: boolean;
  noLabels: boolean;
  /** The unwrapped label, or "" for line extractors. */
  metricLabelName: string;
  /** The pipeline's non-binary label filters in order (with the unwrap's post filter last). */
  filters: readonly HintFilter[];
}

/** NewParserHint, branch by branch. */
export function newParserHint(input: HintInput): HintConfig {
  const raw: string[] = [];
  appendLabelHints(raw, input.requiredLabelNames);
  appendLabelHints(raw, input.groups);
  appendLabelHints(raw, [input.metricLabelName]);
  const hints = [...new Set(raw.filter((l) => l !== ''))]; // uniqueString drops empty names
  const filterNames: string[] = [];
  for (const f of input.filters) if (f.names.length <= 1) filterNames.push(...f.names);
  const filters = input.filters.filter((f) => f.names.length <= 1);
  const preserveError = hints.includes(ERROR_LABEL);
  if (input.noLabels) {
    // `by ()` or absent_over_time: hints always exist (the unwrap label at least, or "").
    if (hints.length > 0) return { noLabels: false, required: hints, preserveError, filters, filterNames };
    return { noLabels: true, required: [], preserveError: false, filters: [], filterNames: [] };
  }
  // With `without`, or no grouping, nothing is known to be unneeded: only the filters remain.
  if (input.without || input.groups.length === 0) return { noLabels: false, required: [], preserveError: false, filters, filterNames };
  // Loki drops the label filters here: `by` groups never stop a line early.
  return { noLabels: false, required: hints, preserveError, filters: [], filterNames: [] };
}

/** Log queries (pipeline.go NewPipeline): no required labels, the label filters run early. */
export function logQueryHints(filters: readonly HintFilter[]): HintConfig {
  return newParserHint({ requiredLabelNames: [], groups: [], without: false, noLabels: false, metricLabelName: '', filters });
}

/** Per-line state over a config, as Loki's Hints (reset with the labels builder). */
export class ParserHints {
  /** Names extracted on this line: an array (lines have few keys; comparing beats hashing fresh strings), a Set past 16. */
  private names: string[] = [];
  private count = 0;
  private big: Set<string> | null = null;
  /** Some labels are required: parsers may skip keys and stop early (hot loops test this once). */
  readonly limited: boolean;

  constructor(readonly config: HintConfig = NO_HINTS) {
    this.limited = config.required.length > 0;
  }

  /** Already set by a parser (or label_format) on this line. */
  extracted(key: string): boolean {
    if (this.big !== null) return this.big.has(key);
    const names = this.names;
    for (let i = 0; i < this.count; i++) if (names[i] === key) return true;
    return false;
  }

  shouldExtract(key: string): boolean {
    const req = this.config.required;
    return req.length === 0 || req.includes(key);
  }

  shouldExtractPrefix(prefix: string): boolean {
    const req = this.config.required;
    return req.length === 0 || req.some((l) => l.startsWith(prefix));
  }

  noLabels(): boolean {
    return this.config.noLabels || this.allRequiredExtracted();
  }

  recordExtracted(key: string): void {
    if (!this.extracted(key)) this.recordNew(key);
  }

  /** recordExtracted for a key known not to be recorded yet. */
  recordNew(key: string): void {
    this.names[this.count++] = key;
    if (this.big !== null) this.big.add(key);
    else if (this.count > 16) this.big = new Set(this.names.slice(0, this.count));
  }

  allRequiredExtracted(): boolean {
    const req = this.config.required;
    if (req.length === 0 || this.count < req.length) return false;
    for (const l of req) if (!this.extracted(l)) return false;
    return true;
  }

  reset(): void {
    this.count = 0;
    this.big = null;
  }

  preserveError(): boolean {
    return this.config.preserveError;
  }

  /** ShouldContinueParsingLine: the filter at the first index naming `label` decides. */
  shouldContinueParsingLine(label: string, lbs: LabelsBuilder): boolean {
    const names = this.config.filterNames;
    if (names.length === 0) return true;
    for (let i = 0; i < names.length; i++) if (names[i] === label) return this.config.filters[i]!.matches(lbs);
    return true;
  }
}

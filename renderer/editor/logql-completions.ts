import type { Labels } from '../../shared/model/labels';
import type { SelectorMatcher, Situation } from './logql-situation';
import { escapeRegex, goQuote, type Span } from './logql-tree';

export type CompletionKind = 'function' | 'label' | 'value' | 'keyword' | 'operator' | 'duration' | 'snippet';

/** A suggestion in editor-neutral terms; the Monaco provider maps it 1:1. */
export interface Completion {
  label: string;
  kind: CompletionKind;
  /** Text to insert over `range`; a snippet (with $1, ${1:x}) when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  range: Span;
  detail?: string;
  documentation?: string;
  /** What the typed word is matched against when it differs from the label (quoted values). */
  filterText?: string;
  sortText?: string;
  /** Open the suggestions again after inserting (a label name is followed by its values). */
  retrigger?: boolean;
}

export interface CompletionData {
  /** The streams' label sets (from the `sources.watch` snapshot). */
  streams: readonly { labels: Labels }[];
  /** Parsed labels seen in the current result: name → distinct values (most frequent first). */
  parsed?: ReadonlyMap<string, readonly string[]>;
}

// From Loki's docs (LogQL metric queries): [name, what it does].
export const RANGE_FUNCTIONS: readonly [string, string][] = [
  ['rate', 'entries per second'],
  ['count_over_time', 'entries in each range'],
  ['bytes_rate', 'bytes per second'],
  ['bytes_over_time', 'bytes in each range'],
  ['absent_over_time', '1 when the range has no entries'],
  ['sum_over_time', 'sum of an unwrapped label'],
  ['avg_over_time', 'average of an unwrapped label'],
  ['max_over_time', 'maximum of an unwrapped label'],
  ['min_over_time', 'minimum of an unwrapped label'],
  ['first_over_time', 'first value of an unwrapped label'],
  ['last_over_time', 'last value of an unwrapped label'],
  ['stdvar_over_time', 'population variance of an unwrapped label'],
  ['stddev_over_time', 'population standard deviation of an unwrapped label'],
  ['quantile_over_time', 'φ-quantile of an unwrapped label'],
  ['rate_counter', 'per-second rate of an unwrapped counter'],
];
const UNWRAPPED = new Set(['sum_over_time', 'avg_over_time', 'max_over_time', 'min_over_time', 'first_over_time', 'last_over_time', 'stdvar_over_time', 'stddev_over_time', 'rate_counter']);

export const VECTOR_FUNCTIONS: readonly [string, string][] = [
  ['sum', 'sum over labels'],
  ['avg', 'average over labels'],
  ['min', 'minimum over labels'],
  ['max', 'maximum over labels'],
  ['count', 'number of series'],
  ['stddev', 'standard deviation over labels'],
  ['stdvar', 'variance over labels'],
  ['topk', 'largest k series'],
  ['bottomk', 'smallest k series'],
  ['sort', 'sorted ascending'],
  ['sort_desc', 'sorted descending'],
];

/** After `|`: [keyword, snippet, doc]. Snippet syntax: `$1` tab stops, `}` literal outside `${…}`. */
export const PIPE_KEYWORDS: readonly [string, string, string][] = [
  ['json', 'json', 'parser: JSON fields become labels'],
  ['logfmt', 'logfmt', 'parser: key=value pairs become labels'],
  ['regexp', 'regexp "${1:(?P<name>.+)}"', 'parser: named RE2 groups become labels'],
  ['pattern', 'pattern "${1:<_> <name> <_>}"', 'parser: <name> placeholders become labels'],
  ['unpack', 'unpack', 'parser: unpacks Promtail pack stage entries'],
  ['line_format', 'line_format "{{.${1:label}}}"', 'rewrites the line with a Go template'],
  ['label_format', 'label_format ${1:new}=${2:old}', 'renames or templates labels'],
  ['drop', 'drop ${1:label}', 'removes labels'],
  ['keep', 'keep ${1:label}', 'keeps only these labels'],
  ['decolorize', 'decolorize', 'strips ANSI colour codes'],
  ['unwrap', 'unwrap ${1:label}', 'the label whose value a metric query aggregates'],
];

export const LINE_FILTERS: readonly [string, string][] = [
  ['|=', 'line contains'],
  ['!=', 'line does not contain'],
  ['|~', 'line matches the RE2 regex'],
  ['!~', 'line does not match the RE2 regex'],
  ['|>', 'line matches the pattern'],
  ['!>', 'line does not match the pattern'],
];

export const DURATIONS = ['1m', '5m', '10m', '30m', '1h', '6h', '12h', '1d', '30s'];

/** The names of all labels the streams carry, sorted. */
export function labelNames(streams: CompletionData['streams']): string[] {
  const names = new Set<string>();
  for (const s of streams) for (const k of Object.keys(s.labels)) names.add(k);
  return [...names].sort();
}

function matches(labels: Labels, m: SelectorMatcher): boolean {
  const v = labels[m.name] ?? '';
  if (m.op === '=') return v === m.value;
  if (m.op === '!=') return v !== m.value;
  return true; // regex matchers are not evaluated here: RE2 lives in the main process
}

/** Values of `name` among the streams that the selector's other equality matchers keep. */
export function labelValues(streams: CompletionData['streams'], name: string, others: readonly SelectorMatcher[]): string[] {
  const values = new Set<string>();
  for (const s of streams) {
    const v = s.labels[name];
    if (v !== undefined && others.every((m) => matches(s.labels, m))) values.add(v);
  }
  return [...values].sort();
}

/** A value as it is written after the operator: a Go string, regex-escaped for =~ / !~. */
function quoteValue(value: string, op: string): string {
  return goQuote(op === '=~' || op === '!~' ? escapeRegex(value) : value);
}

const pad = (i: number): string => String(i).padStart(4, '0');

function valueItems(values: readonly string[], op: string, range: Span, detail: string): Completion[] {
  return values.map((v, i) => {
    const text = quoteValue(v, op);
    return { label: v, kind: 'value', insertText: text, filterText: text, range, detail, sortText: pad(i) };
  });
}

function functionItems(situation: Extract<Situation, { kind: 'expression' }>): Completion[] {
  const range = situation.word;
  const selector: Completion = { label: '{}', kind: 'snippet', insertText: '{$1}', snippet: true, range, detail: 'stream selector', retrigger: true, sortText: '0' };
  if (situation.inside === 'range') return [selector];
  const ranges = RANGE_FUNCTIONS.map(([name, doc]): Completion => {
    const arg = UNWRAPPED.has(name) ? '{$1} | unwrap ${2:label} [${3:5m}]' : '{$1}[${2:5m}]';
    const insertText = name === 'quantile_over_time' ? `${name}(\${1:0.99}, {$2} | unwrap \${3:label} [\${4:5m}])` : `${name}(${arg})`;
    return { label: name, kind: 'function', insertText, snippet: true, range, detail: 'range aggregation', documentation: doc, retrigger: true, sortText: `1${name}` };
  });
  const vectors = VECTOR_FUNCTIONS.map(([name, doc]): Completion => {
    const insertText = name === 'topk' || name === 'bottomk' ? `${name}(\${1:10}, $0)` : `${name}($0)`;
    return { label: name, kind: 'function', insertText, snippet: true, range, detail: 'vector aggregation', documentation: doc, retrigger: true, sortText: `2${name}` };
  });
  return [...(situation.inside === 'top' ? [selector] : []), ...ranges, ...vectors];
}

function parsedNames(data: CompletionData): string[] {
  return [...(data.parsed?.keys() ?? [])].sort();
}

/**
 * The suggestions for a cursor situation: a pure function (tested without Monaco), like
 * Grafana's `getCompletions(situation, dataProvider)`.
 */
export function completionsFor(situation: Situation, data: CompletionData): Completion[] {
  switch (situation.kind) {
    case 'expression':
      return functionItems(situation);
    case 'label-name': {
      const used = new Set(situation.matchers.map((m) => m.name));
      return labelNames(data.streams)
        .filter((n) => !used.has(n))
        .map((n) => ({ label: n, kind: 'label', insertText: `${n}=`, range: situation.word, detail: 'stream label', retrigger: true }));
    }
    case 'label-value':
      return valueItems(labelValues(data.streams, situation.name, situation.matchers), situation.op, situation.word, `${situation.name} value`);
    case 'after-stage':
      return [
        ...LINE_FILTERS.map(([op, doc], i): Completion => ({ label: `${op} ""`, kind: 'operator', insertText: `${op} "$1"`, snippet: true, range: situation.word, documentation: doc, detail: 'line filter', sortText: `0${i}` })),
        { label: '|', kind: 'operator', insertText: '| ', range: situation.word, detail: 'pipeline stage', retrigger: true, sortText: '1' },
      ];
    case 'pipe':
      return [
        ...PIPE_KEYWORDS.map(([kw, snippet, doc]): Completion => ({ label: kw, kind: 'keyword', insertText: snippet, snippet: snippet !== kw, range: situation.word, documentation: doc, detail: kw === 'json' || kw === 'logfmt' || kw === 'regexp' || kw === 'pattern' || kw === 'unpack' ? 'parser' : 'stage', sortText: `0${kw}` })),
        ...parsedNames(data).map((n): Completion => ({ label: n, kind: 'label', insertText: `${n}=`, range: situation.word, detail: 'label filter on a parsed label', retrigger: true, sortText: `1${n}` })),
      ];
    case 'pipeline-label': {
      const names = new Set([...parsedNames(data), ...labelNames(data.streams)]);
      return [...names].sort().map((n) => ({ label: n, kind: 'label', insertText: n, range: situation.word, detail: situation.context === 'grouping' ? 'group by' : situation.context }));
    }
    case 'pipeline-label-value': {
      const values = data.parsed?.get(situation.name) ?? labelValues(data.streams, situation.name, []);
      return valueItems(values, situation.op, situation.word, `${situation.name} value`);
    }
    case 'range':
      return DURATIONS.map((d, i) => ({ label: d, kind: 'duration', insertText: situation.closed ? d : `${d}]`, range: situation.word, detail: 'range', sortText: pad(i) }));
    case 'none':
      return [];
  }
}

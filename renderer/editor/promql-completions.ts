/**
 * PromQL suggestions as a pure function of the cursor situation and what the server told us
 * (metric names with their metadata, label names, label values): the Monaco provider fetches
 * what the situation needs, then calls this.
 */
import { FUNCTIONS } from '../../shared/promql/functions';
import type { Completion } from './logql-completions';
import type { PromqlSituation } from './promql-situation';

export interface PromqlCompletionData {
  metrics: readonly { name: string; type?: string; help?: string }[];
  /** Label names for the situation's metric (or all). */
  labelNames: readonly string[];
  /** Values of the situation's label (for its metric, when known). */
  labelValues: readonly string[];
}

export const AGGREGATIONS: readonly [string, string][] = [
  ['sum', 'sum over dimensions'],
  ['avg', 'average over dimensions'],
  ['min', 'minimum over dimensions'],
  ['max', 'maximum over dimensions'],
  ['count', 'number of elements'],
  ['group', 'all values 1'],
  ['stddev', 'population standard deviation'],
  ['stdvar', 'population variance'],
  ['topk', 'largest k elements by value'],
  ['bottomk', 'smallest k elements by value'],
  ['quantile', 'φ-quantile over dimensions'],
  ['count_values', 'number of elements with the same value'],
  ['limitk', 'k elements, chosen deterministically'],
  ['limit_ratio', 'a ratio of elements, chosen deterministically'],
];
const RANGE_FIRST = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'changes', 'resets']);
const DURATIONS = ['1m', '5m', '10m', '30m', '1h', '6h', '1d', '$__rate_interval'];

/** Go's strconv.Quote for what PromQL strings need: backslash and the quote. */
const quote = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** Regex-escaped, for =~ / !~ (RE2 metacharacters), then as a string body. */
const reEscape = (v: string): string => v.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

export function promqlCompletions(s: PromqlSituation, data: PromqlCompletionData): Completion[] {
  switch (s.kind) {
    case 'expression': {
      const out: Completion[] = [];
      for (const m of data.metrics) out.push({ label: m.name, kind: 'value', insertText: m.name, range: s.word, detail: m.type, documentation: m.help, sortText: `0${m.name}` });
      for (const [name, doc] of AGGREGATIONS) out.push({ label: name, kind: 'function', insertText: `${name}(\${1})`, snippet: true, range: s.word, detail: 'aggregation', documentation: doc, sortText: `1${name}` });
      for (const name of Object.keys(FUNCTIONS).sort()) {
        const body = RANGE_FIRST.has(name) ? `${name}(\${1}[\${2:5m}])` : `${name}(\${1})`;
        out.push({ label: name, kind: 'function', insertText: body, snippet: true, range: s.word, detail: 'function', sortText: `2${name}` });
      }
      return out;
    }
    case 'label-name':
      return data.labelNames
        .filter((n) => n !== '__name__' && !s.used.includes(n))
        .map((n) => ({ label: n, kind: 'label', insertText: `${n}=`, range: s.word, retrigger: true }));
    case 'grouping-label':
      return data.labelNames.filter((n) => n !== '__name__').map((n) => ({ label: n, kind: 'label', insertText: n, range: s.word }));
    case 'label-value': {
      const regex = s.op === '=~' || s.op === '!~';
      return data.labelValues.map((v) => {
        const body = regex ? reEscape(v) : v;
        const insert = s.quoted ? quote(body).slice(1, -1) : quote(body);
        return { label: v, kind: 'value', insertText: insert, range: s.word, filterText: s.quoted ? insert : quote(body) };
      });
    }
    case 'duration':
      return DURATIONS.map((d, i) => ({ label: d, kind: 'duration', insertText: d, range: s.word, sortText: String(i).padStart(2, '0') }));
    case 'none':
      return [];
  }
}

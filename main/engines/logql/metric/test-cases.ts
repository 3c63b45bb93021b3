/**
 * Metric engine behaviour as data (after promqltest): small streams, a query, its step
 * parameters (seconds) and the answer Loki gives, or the error. Times are seconds from 0.
 */
export interface EngineCase {
  name: string;
  query: string;
  /** range: [start, end, step]; instant: time */
  at: [number, number, number] | number;
  want?: unknown;
  error?: { status: number; startsWith: string };
}

export const streams = [
  { labels: { job: 'a', host: 'h1' }, entries: [[1, 'level=info ms=10 took=1s'], [2, 'level=error ms=20 took=2s'], [3, 'level=info ms=x took=3s'], [4, 'level=info ms=40 took=4s']] },
  { labels: { job: 'a', host: 'h2' }, entries: [[2, 'level=info ms=5'], [5, 'level=error ms=50 ünïcode']] },
  { labels: { job: 'b', host: 'h1' }, entries: [[3, '{"c":1}'], [6, 'not json']] },
] as const;

const m = (metric: Record<string, string>, values: [number, string][]) => ({ metric, values });
const v = (metric: Record<string, string>, t: number, value: string) => ({ metric, value: [t, value] });

export const cases: EngineCase[] = [
  { name: 'counts lines in left-open, right-closed windows', query: 'count_over_time({job="a"}[2s])', at: [2, 4, 2], want: { resultType: 'matrix', result: [m({ host: 'h1', job: 'a' }, [[2, '2'], [4, '2']]), m({ host: 'h2', job: 'a' }, [[2, '1']])] } },
  { name: 'rate divides by the range in seconds', query: 'sum(rate({job="a"}[4s]))', at: 4, want: { resultType: 'vector', result: [v({}, 4, '1.25')] } },
  { name: 'bytes count UTF-8 bytes', query: 'bytes_over_time({host="h2"}[10s])', at: 10, want: { resultType: 'vector', result: [v({ host: 'h2', job: 'a' }, 10, '42')] } },
  { name: 'unwrap drops the unwrapped label and skips lines without it', query: 'sum_over_time({host="h2"} | logfmt | unwrap ms [10s])', at: 10, want: { resultType: 'vector', result: [v({ host: 'h2', job: 'a', level: 'error' }, 10, '50'), v({ host: 'h2', job: 'a', level: 'info' }, 10, '5')] } },
  { name: 'a non-numeric unwrap fails the query with the series', query: 'sum_over_time({host="h1", job="a"} | logfmt ms | unwrap ms [10s])', at: 10, error: { status: 400, startsWith: "pipeline error: 'SampleExtractionErr' for series: '{__error__=\"SampleExtractionErr\", __error_details__=\"strconv.ParseFloat: parsing \\\"x\\\": invalid syntax\"" } },
  { name: 'a post-unwrap error filter skips conversion failures', query: 'sum_over_time({host="h1", job="a"} | logfmt ms | unwrap ms | __error__="" [10s])', at: 10, want: { resultType: 'vector', result: [v({ host: 'h1', job: 'a' }, 10, '70')] } },
  { name: 'duration unwrap is in seconds', query: 'max_over_time({job="a"} | logfmt took | unwrap duration(took) [10s]) by (job)', at: 10, want: { resultType: 'vector', result: [v({ job: 'a' }, 10, '4')] } },
  { name: 'division by zero is NaN and overflow is +Inf', query: 'count_over_time({job="b"}[10s]) / 0 or count_over_time({job="a"}[10s]) * 1e308 * 10', at: 10, want: { resultType: 'vector', result: [v({ host: 'h1', job: 'a' }, 10, '+Inf'), v({ host: 'h1', job: 'b' }, 10, 'NaN'), v({ host: 'h2', job: 'a' }, 10, '+Inf')] } },
  { name: 'a zero range never holds a sample', query: 'count_over_time({job="a"}[0s])', at: [0, 10, 1], want: { resultType: 'matrix', result: [] } },
  { name: 'a huge range is answered without scanning steps', query: 'count_over_time({job="a"}[100000d])', at: [0, 10000, 1], want: undefined },
  { name: 'comparisons filter unless bool', query: 'count_over_time({job="a"}[10s]) > bool 3', at: 10, want: { resultType: 'vector', result: [v({ host: 'h1', job: 'a' }, 10, '1'), v({ host: 'h2', job: 'a' }, 10, '0')] } },
  { name: 'literal queries are scalars in milliseconds', query: '2 ^ 3 ^ 2 % 5', at: 10, want: { resultType: 'scalar', result: [10000, '2'] } },
  { name: 'absent_over_time has the equality matchers', query: 'absent_over_time({job="nope", host=~"h.*"}[1s])', at: 1, want: { resultType: 'vector', result: [v({ job: 'nope' }, 1, '1')] } },
  { name: 'topk keeps the largest per group', query: 'topk(1, count_over_time({job=~"a|b"}[10s])) by (host)', at: 10, want: { resultType: 'vector', result: [v({ host: 'h1', job: 'a' }, 10, '4'), v({ host: 'h2', job: 'a' }, 10, '2')] } },
  { name: 'label_replace expands Go templates', query: 'label_replace(count_over_time({host="h2"}[10s]), "n", "${1}x$2", "host", "h(.)")', at: 10, want: { resultType: 'vector', result: [v({ host: 'h2', job: 'a', n: '2x' }, 10, '2')] } },
  { name: 'group_left copies labels from the one side', query: 'count_over_time({job="a"}[10s]) / on(job) group_left sum by (job) (count_over_time({job="a"}[10s]))', at: 10, want: { resultType: 'vector', result: [v({ host: 'h1', job: 'a' }, 10, '0.6666666666666666'), v({ host: 'h2', job: 'a' }, 10, '0.3333333333333333')] } },
  { name: 'many-to-many matching is refused', query: 'count_over_time({job="a"}[10s]) / on(job) count_over_time({job="a"}[10s])', at: 10, error: { status: 500, startsWith: 'found duplicate series on the right hand-side' } },
  { name: 'a parser error fails unless filtered', query: 'count_over_time({job="b"} | json [10s])', at: 10, error: { status: 400, startsWith: "pipeline error: 'JSONParserErr'" } },
  { name: 'grouping by __error__ preserves parser errors', query: 'sum by (__error__) (count_over_time({job="b"} | json [10s]))', at: 10, want: { resultType: 'vector', result: [v({}, 10, '1'), v({ __error__: 'JSONParserErr' }, 10, '1')] } },
  { name: 'offset moves the window back', query: 'count_over_time({host="h2"}[1s] offset 3s)', at: [5, 8, 1], want: { resultType: 'matrix', result: [m({ host: 'h2', job: 'a' }, [[5, '1'], [8, '1']])] } },
  { name: 'range queries are aligned to the step', query: 'vector(1)', at: [1, 5, 2], want: { resultType: 'matrix', result: [m({}, [[0, '1'], [2, '1'], [4, '1'], [6, '1']])] } },
];

import { describe, expect, it } from 'vitest';
import { promqlCompletions } from './promql-completions';
import { promqlSituation } from './promql-situation';

/** `|` marks the cursor. */
const at = (q: string) => promqlSituation(q.replace('|', ''), q.indexOf('|'));

describe('the PromQL cursor situation', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['an empty query wants an expression', '|', { kind: 'expression' }],
    ['a half-typed metric name is the word to replace', 'http_req|', { kind: 'expression', word: { from: 0, to: 8 } }],
    ['inside a function call an expression goes', 'rate(|', { kind: 'expression' }],
    ['after a selector brace a label name goes, for that metric', 'up{|', { kind: 'label-name', metric: 'up' }],
    ['after a comma the labels already used are known', 'up{job="a", |}', { kind: 'label-name', metric: 'up', used: ['job'] }],
    ['a selector without a metric name has no metric', '{|', { kind: 'label-name', metric: null }],
    ['after an operator with no quote the values go, quoted on insert', 'up{job=|', { kind: 'label-value', label: 'job', op: '=', quoted: false }],
    ['inside an open quote the values go, without quotes', 'up{job="ap|', { kind: 'label-value', label: 'job', op: '=', quoted: true, word: { from: 8, to: 10 } }],
    ['inside a closed quote the whole string body is replaced', 'up{job=~"ap|i"}', { kind: 'label-value', label: 'job', op: '=~', quoted: true, word: { from: 9, to: 12 } }],
    ['the second matcher takes its own label name', 'up{job="a",instance!="|', { kind: 'label-value', label: 'instance', op: '!=' }],
    ['in by (…) a grouping label goes', 'sum by (|) (up)', { kind: 'grouping-label' }],
    ['in on (…) a grouping label goes', 'a / on(ins|) b', { kind: 'grouping-label', word: { from: 7, to: 10 } }],
    ['in an open range a duration goes', 'rate(up[|', { kind: 'duration' }],
    ['after a closed range an expression or operator goes', 'rate(up[5m]) + |', { kind: 'expression' }],
    ['after a closed selector an expression goes', 'up{job="a"} / |', { kind: 'expression' }],
  ];
  it.each(cases)('%s', (_name, q, want) => {
    expect(at(q)).toMatchObject(want);
  });
});

describe('PromQL suggestions', () => {
  const data = { metrics: [{ name: 'http_requests_total', type: 'counter', help: 'Requests.' }], labelNames: ['__name__', 'job', 'instance'], labelValues: ['api', 'a.b'] };
  it('offers metrics first, then aggregations, then functions', () => {
    const items = promqlCompletions(at('|'), data);
    expect(items[0]!.label).toBe('http_requests_total');
    expect(items.find((i) => i.label === 'sum')?.detail).toBe('aggregation');
    expect(items.find((i) => i.label === 'rate')?.insertText).toBe('rate(${1}[${2:5m}])');
  });
  it('offers label names but not __name__ nor those already used, each followed by its values', () => {
    const items = promqlCompletions(at('up{job="a", |}'), data);
    expect(items.map((i) => i.label)).toEqual(['instance']);
    expect(items[0]!.retrigger).toBe(true);
  });
  it('quotes values after a bare operator, and escapes them for a regex matcher', () => {
    expect(promqlCompletions(at('up{job=|'), data).map((i) => i.insertText)).toEqual(['"api"', '"a.b"']);
    expect(promqlCompletions(at('up{job=~"|'), data).map((i) => i.insertText)).toEqual(['api', 'a\\\\.b']);
  });
  it('offers nothing inside a string that is not a matcher value', () => {
    expect(promqlCompletions(at('label_replace(up, "|'), data)).toEqual([]);
  });
});

describe('PromQL colouring', () => {
  it('colours functions, metric names, labels, strings, durations and keywords', async () => {
    const { promqlSpans } = await import('./promql-highlight');
    const q = 'sum by (job) (rate(http_requests_total{job="api"}[5m]))';
    const shown = promqlSpans(q).map((s) => `${s.cls}:${q.slice(s.from, s.to)}`);
    expect(shown).toEqual(['function:sum', 'keyword:by', 'label:job', 'function:rate', 'parser:http_requests_total', 'label:job', 'operator:=', 'string:"api"', 'number:5m']);
  });
});

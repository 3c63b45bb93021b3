import { describe, expect, it } from 'vitest';
import { LabelsBuilder } from './labels-builder';
import { newParserHint, ParserHints } from './parser-hints';
import { extractorPipeline } from './test-hints-kit';

const J = '{job="x"}';

describe('the parser hints a metric query gets (NewParserHint)', () => {
  it.each([
    ['a sum by level needs only level', `sum by (level) (count_over_time(${J} | logfmt [1m]))`, ['level'], false],
    ['a range aggregation grouped by host needs host and its unwrapped label', `max_over_time(${J} | logfmt | unwrap b [1m]) by (host)`, ['host', 'b'], false],
    ['no grouping needs every label', `count_over_time(${J} | logfmt [1m])`, [], false],
    ['a without grouping needs every label', `sum without (level) (count_over_time(${J} | logfmt [1m]))`, [], false],
    ['a sum that cannot push its grouping leaves the range aggregation unhinted', `max by (level) (count_over_time(${J} | logfmt [1m]))`, [], false],
    ['by () with nothing else needs no label at all', `sum by () (count_over_time(${J} | logfmt [1m]))`, [], true],
    ['by () with a label filter needs that label', `sum by () (count_over_time(${J} | logfmt | status="500" [1m]))`, ['status'], false],
    ['label filters add their labels to the groups', `sum by (level) (count_over_time(${J} | logfmt | status >= 500 | d > 1s [1m]))`, ['status', 'd', 'level'], false],
    ['the unwrapped label and __error__ filters are needed', `avg_over_time(${J} | json | __error__="" | unwrap latency [1m]) by (host)`, ['__error__', 'host', 'latency'], false],
    ['post-unwrap filters are needed', `sum by (host) (sum_over_time(${J} | logfmt | unwrap b | __error__="" [1m]))`, ['__error__', 'host', 'b'], false],
    ['an unwrap without grouping needs every label', `sum_over_time(${J} | logfmt | unwrap b [1m])`, [], false],
    ['a name ending in _extracted also asks for the bare name', `sum by (job_extracted) (count_over_time(${J} | logfmt [1m]))`, ['job_extracted', 'job'], false],
    ['line_format asks for every field its template reads', `sum by (level) (count_over_time(${J} | logfmt | line_format "{{.msg}} {{if .a.b}}{{.c}}{{end}}" |= "x" [1m]))`, ['msg', 'a', 'b', 'c', 'level'], false],
    ['a line_format nothing reads later is removed first, with its fields', `sum by (level) (count_over_time(${J} | logfmt | line_format "{{.msg}}" [1m]))`, ['level'], false],
    ['label_format asks for rename sources and template fields', `sum by (dst) (count_over_time(${J} | logfmt | label_format dst=src, t="{{.u}}" [1m]))`, ['src', 'u', 'dst'], false],
    ['a no-op filter names nothing', `sum by (level) (count_over_time(${J} | logfmt | foo=~".*" [1m]))`, ['level'], false],
  ])('%s', (_, query, required, noLabels) => {
    const h = extractorPipeline(query).hints;
    expect({ required: h.required, noLabels: h.noLabels }).toEqual({ required, noLabels });
  });

  it.each([
    ['by groups never stop a line early', `sum by (level) (count_over_time(${J} | logfmt | status="500" [1m]))`, [], false],
    ['without grouping keeps the label filters', `sum without (a) (count_over_time(${J} | logfmt | status="500" | level=~"e.*" [1m]))`, ['status', 'level'], false],
    ['binary filters are left out', `count_over_time(${J} | logfmt | status="500" or level="x" | user="u" [1m])`, ['user'], false],
    ['an unwrap keeps its single post filter last', `sum_over_time(${J} | logfmt | a="1" | unwrap b | __error__="" [1m])`, ['a', '__error__'], false],
    ['__error__ among the required labels preserves parser errors', `sum by (__error__) (count_over_time(${J} | json [1m]))`, [], true],
  ])('%s', (_, query, filterNames, preserveError) => {
    const h = extractorPipeline(query).hints;
    expect({ filterNames: h.filterNames, preserveError: h.preserveError }).toEqual({ filterNames, preserveError });
  });
});

describe('the per-line hint state (Loki Hints)', () => {
  const config = newParserHint({ requiredLabelNames: [], groups: ['a', 'b'], without: false, noLabels: false, metricLabelName: '', filters: [] });

  it('is complete once every required label was recorded, and forgets them on reset', () => {
    const h = new ParserHints(config);
    h.recordExtracted('a');
    expect([h.allRequiredExtracted(), h.noLabels()]).toEqual([false, false]);
    h.recordExtracted('b');
    expect([h.allRequiredExtracted(), h.noLabels()]).toEqual([true, true]);
    h.reset();
    expect(h.allRequiredExtracted()).toBe(false);
  });

  it.each([
    ['a required key', 'a', true],
    ['any other key', 'c', false],
  ])('should extract %s: %s', (_, key, want) => {
    expect(new ParserHints(config).shouldExtract(key as string)).toBe(want);
  });

  it('lets a JSON object through when a required label starts with its prefix', () => {
    const h = new ParserHints(newParserHint({ requiredLabelNames: [], groups: ['req_id'], without: false, noLabels: false, metricLabelName: '', filters: [] }));
    expect([h.shouldExtractPrefix('req'), h.shouldExtractPrefix('user')]).toEqual([true, false]);
  });

  it('records parsed labels through the labels builder, and the builder reset clears them', () => {
    const lbs = new LabelsBuilder({ job: 'x' }, new ParserHints(config));
    lbs.set('a', '1');
    lbs.set('b', '2');
    expect(lbs.hints.allRequiredExtracted()).toBe(true);
    lbs.reset();
    expect(lbs.hints.extracted('a')).toBe(false);
  });

  it('runs the filter at the index of the first name, a no-op filter shifting the names after it', () => {
    const never = { names: ['level'], matches: () => false };
    const noop = { names: [], matches: () => true };
    const shifted = new ParserHints(newParserHint({ requiredLabelNames: [], groups: [], without: false, noLabels: false, metricLabelName: '', filters: [noop, never] }));
    const aligned = new ParserHints(newParserHint({ requiredLabelNames: [], groups: [], without: false, noLabels: false, metricLabelName: '', filters: [never] }));
    const lbs = new LabelsBuilder({});
    expect([shifted.shouldContinueParsingLine('level', lbs), aligned.shouldContinueParsingLine('level', lbs)]).toEqual([true, false]);
  });
});

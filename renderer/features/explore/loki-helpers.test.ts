import { describe, expect, it } from 'vitest';
import { datasourceKey, datasourceOf, lokiBounds } from './datasource';
import { selectorOf } from './LabelBrowser';
import { contextSide, selectorOfLabels } from './log-context';
import { patternStep } from './PatternsView';
import { emptyTail, tailPause, tailPush } from './tail-buffer';
import { equalityScope, selectorText } from './selector-text';

describe('Explore on a Loki connection: pure helpers', () => {
  it.each([
    ['local files', { kind: 'local' as const }, 'local'],
    ['a Loki connection', { kind: 'loki' as const, connectionId: 'abc' }, 'loki:abc'],
  ])('the picker key of %s goes and comes back', (_what, d, key) => {
    expect(datasourceKey(d)).toBe(key);
    expect(datasourceOf(key)).toEqual(d);
  });

  it.each([
    ['nothing remembered', null],
    ['a key of another kind', 'prometheus:x'],
    ['a Loki key without an id', 'loki:'],
  ])('%s is the local files', (_what, key) => expect(datasourceOf(key)).toEqual({ kind: 'local' }));

  it.each([
    ['a closed range is kept', { start: 1000, end: 5000 }, 9_999_999, { start: 1000, end: 5000 }],
    ['an open range is Loki’s default, the last hour', {}, 10_000_000, { start: 10_000_000 - 3_600_000, end: 10_000_000 }],
    ['an open start is an hour before the end', { end: 7_200_000 }, 99_000_000, { start: 3_600_000, end: 7_200_000 }],
  ])('Loki bounds: %s', (_what, range, now, want) => expect(lokiBounds(range, now)).toEqual(want));

  it.each([
    ['nothing picked', {}, null],
    ['one value', { job: ['api'] }, '{job="api"}'],
    ['two values of one label become a regex, escaped', { job: ['a.b', 'c'] }, '{job=~"a\\\\.b|c"}'],
    ['labels sorted, quotes escaped', { z: ['1'], a: ['say "hi"'] }, '{a="say \\"hi\\"", z="1"}'],
  ])('the label browser selector of %s', (_what, picked, want) => expect(selectorOf(picked)).toBe(want));

  it.each([
    ['a query with a pipeline', '{job="api", host="app1"} | json level', '{job="api", host="app1"}'],
    ['a metric query', 'sum(rate({job="x"}[1m]))', '{job="x"}'],
    ['a broken query is sent as typed', '{job="x"', '{job="x"'],
  ])('the selector of %s', (_what, q, want) => expect(selectorText(q)).toBe(want));

  it('an entry’s context side leaves out the entry itself, once, oldest first', () => {
    const streams = [{ stream: { job: 'a' }, values: [['3', 'c'], ['2', 'b'], ['2', 'b'], ['1', 'a']] as Array<[string, string]> }];
    expect(contextSide(streams, { tsNs: '2', line: 'b' }, 10).map((r) => [r.tsNs, r.line])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ]);
    expect(contextSide(streams, { tsNs: '2', line: 'b' }, 2).map((r) => r.line)).toEqual(['a', 'b']);
  });

  it('the stream selector of an entry quotes its labels as Loki prints them', () => {
    expect(selectorOfLabels({ job: 'x', filename: 'C:\\logs\\a.log' })).toBe('{filename="C:\\\\logs\\\\a.log", job="x"}');
  });

  it.each([
    ['five minutes: at least a minute', 0, 300_000, 60],
    ['a week: ~250 samples', 0, 7 * 86_400_000, 2419],
  ])('the patterns step over %s', (_what, a, b, want) => expect(patternStep(a, b)).toBe(want));
});

describe('the equality matchers typed so far scope Loki’s label values', () => {
  it.each([
    ['nothing typed', '', null],
    ['an unfinished second matcher', '{job="api", host=', { labels: { job: 'api' }, selector: '{job="api"}' }],
    ['an unterminated value is not a matcher yet', '{job="ap', null],
    ['regex matchers do not scope', '{job=~"a.*", host="x"} |= "e"', { labels: { host: 'x' }, selector: '{host="x"}' }],
    ['escapes resolved, labels sorted', '{z="1", a="say \\"hi\\""}', { labels: { z: '1', a: 'say "hi"' }, selector: '{a="say \\"hi\\"", z="1"}' }],
  ])('%s', (_what, q, want) => expect(equalityScope(q)).toEqual(want));
});

describe('the live tail’s buffer', () => {
  it('shows lines as they come, holds them while paused, shows them on resume, keeps the newest', () => {
    let b = emptyTail<number>();
    b = tailPush(b, [1, 2], 4);
    expect(b.shown).toEqual([1, 2]);
    b = tailPause(b, true, 4);
    b = tailPush(b, [3], 4);
    b = tailPush(b, [4, 5], 4);
    expect([b.shown, b.held, b.paused]).toEqual([[1, 2], [3, 4, 5], true]);
    b = tailPause(b, false, 4);
    expect([b.shown, b.held, b.paused]).toEqual([[2, 3, 4, 5], [], false]);
    b = tailPush(b, [6, 7, 8, 9, 10], 4);
    expect(b.shown).toEqual([7, 8, 9, 10]);
  });
});

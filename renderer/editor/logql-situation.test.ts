import { describe, expect, it } from 'vitest';
import { cursorSituation, type Situation } from './logql-situation';

/** `‸` marks the cursor; the situation's word spans are shown as the text they cover. */
function at(marked: string): { kind: string; word?: string } & Record<string, unknown> {
  const offset = marked.indexOf('‸');
  const query = marked.replace('‸', '');
  const s: Situation = cursorSituation(query, offset);
  if (s.kind === 'none') return { kind: 'none' };
  const { word, ...rest } = s;
  return { ...rest, word: query.slice(word.from, word.to) };
}

describe('cursorSituation', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['an empty query starts an expression', '‸', { kind: 'expression', inside: 'top', word: '' }],
    ['a word at the start is a function name being typed', 'ra‸', { kind: 'expression', inside: 'top', word: 'ra' }],
    ['inside sum( an inner expression goes', 'sum(‸', { kind: 'expression', inside: 'vector', word: '' }],
    ['inside sum(r the word is replaced', 'sum(r‸', { kind: 'expression', inside: 'vector', word: 'r' }],
    ['inside rate( only a selector goes', 'rate(‸', { kind: 'expression', inside: 'range', word: '' }],
    ['after { come label names', '{‸', { kind: 'label-name', word: '', matchers: [] }],
    ['a label name being typed is the word', '{jo‸', { kind: 'label-name', word: 'jo' }],
    ['after a comma come the other label names', '{job="x", ‸', { kind: 'label-name', word: '', matchers: [{ name: 'job', op: '=', value: 'x' }] }],
    ['a name after a comma is the word', '{job="x", ho‸}', { kind: 'label-name', word: 'ho' }],
    ['after name= come its values', '{job=‸', { kind: 'label-value', name: 'job', op: '=', word: '' }],
    ['after name=~ come its values, regex operator kept', '{host=~‸', { kind: 'label-value', name: 'host', op: '=~', word: '' }],
    ['an open quote is part of the word', '{job="lo‸', { kind: 'label-value', name: 'job', word: '"lo' }],
    ['inside a closed string the whole string is replaced', '{job="lo‸g"}', { kind: 'label-value', name: 'job', word: '"log"' }],
    ['values know the other matchers', '{job="a", host=‸}', { kind: 'label-value', name: 'host', matchers: [{ name: 'job', op: '=', value: 'a' }] }],
    ['after a closed value nothing is offered', '{job="x"‸}', { kind: 'none' }],
    ['right after the selector come filters and pipes', '{job="x"}‸', { kind: 'after-stage', word: '' }],
    ['after the selector and a space too', '{job="x"} ‸', { kind: 'after-stage', word: '' }],
    ['after a pipe come stage keywords', '{job="x"} | ‸', { kind: 'pipe', word: '' }],
    ['a keyword being typed after a pipe', '{job="x"} | js‸', { kind: 'pipe', word: 'js' }],
    ['a whole keyword under the cursor', '{job="x"} | json‸', { kind: 'pipe', word: 'json' }],
    ['after a parser and a space come filters and pipes', '{job="x"} | json ‸', { kind: 'after-stage', word: '' }],
    ['after a line filter comes the next stage', '{job="x"} |= "a" ‸', { kind: 'after-stage', word: '' }],
    ['a second pipe', '{job="x"} |= "a" | json | ‸', { kind: 'pipe', word: '' }],
    ['a label filter value in a pipeline', '{job="x"} | logfmt | level=‸', { kind: 'pipeline-label-value', name: 'level', op: '=', word: '' }],
    ['a label filter value being typed', '{job="x"} | level="e‸', { kind: 'pipeline-label-value', name: 'level', word: '"e' }],
    ['keep takes label names', '{job="x"} | keep ‸', { kind: 'pipeline-label', context: 'keep', word: '' }],
    ['drop takes label names', '{job="x"} | drop ‸', { kind: 'pipeline-label', context: 'drop', word: '' }],
    ['unwrap takes a label name', '{job="x"} | unwrap ‸', { kind: 'pipeline-label', context: 'unwrap', word: '' }],
    ['inside [ come durations', 'rate({job="x"}[‸', { kind: 'range', word: '', closed: false }],
    ['a duration being typed', 'rate({job="x"}[5‸', { kind: 'range', word: '5', closed: false }],
    ['inside a closed range', 'rate({job="x"}[5m‸])', { kind: 'range', word: '5m', closed: true }],
    ['by ( takes label names', 'sum by (‸', { kind: 'pipeline-label', context: 'grouping', word: '' }],
    ['a grouping label being typed', 'sum by (ho‸', { kind: 'pipeline-label', context: 'grouping', word: 'ho' }],
    ['a pipe inside a range aggregation', 'count_over_time({job="x"} | ‸ [5m])', { kind: 'pipe', word: '' }],
    ['a selector label inside a range aggregation', 'rate({‸', { kind: 'label-name', word: '' }],
    ['a second line of a multi-line query', '{job="x"}\n  | ‸', { kind: 'pipe', word: '' }],
    ['inside a line filter string nothing is offered', '{job="x"} |= "err‸"', { kind: 'none' }],
  ])('%s: %s', (_name, marked, want) => {
    expect(at(marked)).toMatchObject(want);
  });
});

import { describe, expect, it } from 'vitest';
import { groupSpans, highlightPieces, re2ToJs, regexStageAt } from './regex-helper';

function js(expr: string): RegExp {
  const r = re2ToJs(expr);
  if (!r.ok) throw new Error(r.error);
  return r.regex;
}

describe('re2ToJs', () => {
  it.each([
    ['.*(?P<error_message>error_message.*)', '.*(?<error_message>error_message.*)', 'd'],
    ['(?P<a>\\d+) (?P<b>\\w+)', '(?<a>\\d+) (?<b>\\w+)', 'd'],
    ['(?i)^(?P<level>warn)', '^(?<level>warn)', 'di'],
    ['\\(?P<x>', '\\(?P<x>', 'd'],
    ['[(?P<]', '[(?P<]', 'd'],
    ['[]a](?P<x>b)', '[]a](?<x>b)', 'd'],
    ['\\Aab\\z', '^ab$(?![\\s\\S])', 'd'],
  ])('%s → /%s/%s', (re2, source, flags) => {
    const r = js(re2);
    expect(r.source).toBe(source);
    expect(r.flags).toBe(flags);
  });

  it('reports what JS cannot compile', () => {
    expect(re2ToJs('(?P<a>x')).toMatchObject({ ok: false });
  });
});

describe('groupSpans and highlightPieces', () => {
  it('finds each named group of the first match', () => {
    const line = 'Jun 14 sshd: error_message: disk full';
    const spans = groupSpans(js('(?P<proc>\\w+): (?P<error_message>error_message.*)'), line)!;
    expect(spans.map((s) => [s.name, line.slice(s.start, s.end)])).toEqual([
      ['proc', 'sshd'],
      ['error_message', 'error_message: disk full'],
    ]);
    expect(highlightPieces(line, spans)).toEqual([
      { text: 'Jun 14 ', group: null },
      { text: 'sshd', group: 'proc' },
      { text: ': ', group: null },
      { text: 'error_message: disk full', group: 'error_message' },
    ]);
  });

  it('gives null when the line does not match and skips groups that did not take part', () => {
    expect(groupSpans(js('(?P<a>x)'), 'yyy')).toBeNull();
    expect(groupSpans(js('(?P<a>x)|(?P<b>y)'), 'y')!.map((s) => s.name)).toEqual(['b']);
  });

  it('shows nested groups by the outer one', () => {
    const line = 'ab';
    const spans = groupSpans(js('(?P<outer>(?P<inner>a)b)'), line)!;
    expect(highlightPieces(line, spans)).toEqual([{ text: 'ab', group: 'outer' }]);
  });
});

describe('regexStageAt', () => {
  const text = `- regex:\n    expression: "(?P<a>\\\\w+)"\n- labels:\n    a:\n- regex: {expression: '(?P<b>x)'}\n`;
  it('picks the regex stage under the cursor', () => {
    expect(regexStageAt(text, 3)).toMatchObject({ expression: '(?P<a>\\w+)', underCursor: true });
    expect(regexStageAt(text, text.lastIndexOf('expression'))).toMatchObject({ expression: '(?P<b>x)', underCursor: true });
  });
  it('falls back to the first one elsewhere, and to null without any', () => {
    expect(regexStageAt(text, text.indexOf('labels'))).toMatchObject({ expression: '(?P<a>\\w+)', underCursor: false });
    expect(regexStageAt('- json: {expressions: {a: b}}', 0)).toBeNull();
  });
});

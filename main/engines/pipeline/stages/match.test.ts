/** The match stage with Promtail's own selector grammar: names, errors, validation order. */
import { describe, expect, it } from 'vitest';
import { runCase } from './test-flow-harness';

const stage = (selector: string, rest = '    action: drop\n') => `- match:\n    selector: '${selector}'\n${rest}`;
const error = (stages: string): string => {
  const r = runCase({ name: 't', labels: {}, lines: [], pipeline_stages: stages });
  return r.ok ? '' : r.error;
};
const kept = (selector: string, labels: Record<string, string>, lines: string[]): string[] => {
  const r = runCase({ name: 't', labels, lines, pipeline_stages: stage(selector) });
  if (!r.ok) throw new Error(r.error);
  return r.entries.map((e) => e.line);
};

describe('match stage selector', () => {
  const drops: [string, string, Record<string, string>, string[], string[]][] = [
    ['a keyword used as a label name', '{drop="true"}', { drop: 'true' }, ['a'], []],
    ['an empty value matching a missing label', '{foo=""}', {}, ['a'], []],
    ['line filters combined with and', '{app="x"} |= "a" != "b"', { app: 'x' }, ['a', 'ab', 'c'], ['ab', 'c']],
    ['a regex line filter, unanchored', '{app="x"} |~ "b+"', { app: 'x' }, ['abbc', 'c'], ['c']],
    ['a label regex, anchored', '{app=~"x|y"}', { app: 'xy' }, ['a'], ['a']],
  ];
  for (const [name, selector, labels, lines, want] of drops) {
    it(`drops by ${name}`, () => {
      expect(kept(selector, labels, lines)).toEqual(want);
    });
  }

  const errors: [string, string, string][] = [
    ['a syntax error, wrapped as Promtail wraps it', stage('{app="x"} | json'), 'invalid match stage config: invalid selector syntax for match stage: parse error at line 1, col 11: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
    ['an empty selector', stage('{}'), 'invalid match stage config: invalid selector syntax for match stage: parse error at line 1, col 2: syntax error: unexpected }, expecting IDENTIFIER'],
    ['the action before the selector syntax', stage('{', '    action: nope\n'), "invalid match stage config: match stage action should be 'keep' or 'drop'"],
    ['the last line filter regex first', stage('{a="b"} |~ "[" |~ "("'), 'invalid match stage config: error parsing pipeline: error parsing regexp: missing closing ): `(`'],
  ];
  for (const [name, stages, message] of errors) {
    it(`reports ${name}`, () => {
      expect(error(stages)).toBe(message);
    });
  }
  it('reports the nested pipeline before the line filter regex', () => {
    const e = error(stage('{a="b"} |~ "["', '    stages:\n      - nope: {}\n'));
    expect(e).toMatch(/^invalid match stage config: match stage failed to create pipeline from config: map\[selector:\{a="b"\} \|~ "\[" stages:\[map\[nope:map\[\]\]\]\]: .*Unknown stage type: nope$/);
  });
});

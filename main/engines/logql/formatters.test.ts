import { describe, expect, it } from 'vitest';
import { added, run } from '../../adapters/re2/logql-test-kit';

describe('formatting stages', () => {
  it.each([
    ['| logfmt | line_format "{{.a}}-{{.b}}"', 'a=1 b=2', '1-2'],
    ['| line_format "{{.nope}}"', 'x', ''],
    ['| line_format "[{{.job}}] {{ __line__ }}"', 'x', '[test] x'],
    ['| logfmt | line_format "{{.a | ToUpper}}"', 'a=x', 'X'],
    ['| decolorize', '\x1b[31;1mERROR\x1b[0m [db] x', 'ERROR [db] x'],
  ])('%s turns %j into %j', (stages, line, want) => {
    expect(run(`{job="t"} ${stages}`, line)?.line).toBe(want);
  });

  it('reads a lone {{.name}} straight from the labels (no error labels)', () => {
    expect(run('{job="t"} | json | line_format "{{.__error__}}"', 'bad')?.line).toBe('');
    expect(run('{job="t"} | json | line_format "{{.__error__}} "', 'bad')?.line).toBe('JSONParserErr ');
  });

  it.each([
    ['| logfmt | label_format lvl=level', 'level=info', { lvl: 'info' }],
    ['| label_format node=job', 'x', { node: 'test' }],
    ['| logfmt | label_format a=level, b="{{.level}}x"', 'level=info', { a: 'info', b: 'x' }],
    ['| label_format job="{{.job | ToUpper}}"', 'x', { job: 'TEST' }],
    ['| logfmt | drop a, b', 'a=1 b=2 c=3', { c: '3' }],
    ['| logfmt | drop a="1", b=~"x.*"', 'a=1 b=2', { b: '2' }],
    ['| json | drop __error__, __error_details__', 'bad', {}],
    ['| logfmt | keep job, a', 'a=1 b=2', { a: '1' }],
    ['| logfmt | keep a="2"', 'a=1 b=2', null],
  ])('%s on %j gives %j', (stages, line, want) => {
    const got = added(`{job="t"} ${stages}`, line, { job: 'test' });
    if (want === null) {
      expect(got).toEqual({});
      expect(run(`{job="t"} ${stages}`, line, { job: 'test' })?.labels).toEqual({});
    } else expect(got).toEqual(want);
  });

  it('sets TemplateFormatErr when a template fails and keeps the line', () => {
    const r = run('{job="t"} | line_format "{{ div 1 0 }}"', 'x');
    expect(r?.line).toBe('x');
    expect(r?.labels.__error__).toBe('TemplateFormatErr');
  });
});

import { describe, expect, it } from 'vitest';
import { highlightSpans, semanticTokenData, TOKEN_CLASSES } from './logql-highlight';

const shown = (q: string): string[] => highlightSpans(q).map((s) => `${s.cls}:${q.slice(s.from, s.to)}`);

describe('highlightSpans', () => {
  it.each<[string, string, string[]]>([
    ['a selector: label names, operators, strings', '{job="x", host=~"a.*"}', ['label:job', 'operator:=', 'string:"x"', 'label:host', 'operator:=~', 'string:"a.*"']],
    [
      'a pipeline: filters, parsers, label filters and formats',
      '{a="b"} |= "err" | json | level="error" | line_format "{{.msg}}"',
      ['label:a', 'operator:=', 'string:"b"', 'operator:|=', 'string:"err"', 'operator:|', 'parser:json', 'operator:|', 'label:level', 'operator:=', 'string:"error"', 'operator:|', 'keyword:line_format', 'string:"{{.msg}}"'],
    ],
    [
      'a metric query: functions, grouping, durations',
      'sum by (host) (rate({a="b"}[5m]))',
      ['function:sum', 'keyword:by', 'label:host', 'function:rate', 'label:a', 'operator:=', 'string:"b"', 'number:5m'],
    ],
    ['a half-typed query still colours what parsed', '{job="x"} | js', ['label:job', 'operator:=', 'string:"x"', 'operator:|', 'label:js']],
  ])('%s', (_name, q, want) => expect(shown(q)).toEqual(want));
});

describe('semanticTokenData', () => {
  it('encodes line and column deltas, one token per line', () => {
    const q = '{a="b"}\n  | json';
    const data = semanticTokenData(q);
    const tokens: [number, number, number, string][] = [];
    for (let i = 0; i < data.length; i += 5) tokens.push([data[i]!, data[i + 1]!, data[i + 2]!, TOKEN_CLASSES[data[i + 3]!]!]);
    expect(tokens).toEqual([
      [0, 1, 1, 'label'],
      [0, 1, 1, 'operator'],
      [0, 1, 3, 'string'],
      [1, 2, 1, 'operator'],
      [0, 2, 4, 'parser'],
    ]);
  });
  it('splits a token that spans lines (a backquoted string)', () => {
    const data = semanticTokenData('{a=`x\ny`}');
    expect(data.length).toBe(4 * 5); // a, =, `x, y`
    expect(data.slice(10, 20)).toEqual([0, 1, 2, 4, 0, 1, 0, 2, 4, 0]);
  });
});

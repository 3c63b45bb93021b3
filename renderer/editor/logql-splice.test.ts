import { describe, expect, it } from 'vitest';
import { addLabelFilter, pipelineEnds } from './logql-splice';

describe('addLabelFilter', () => {
  it.each<[string, string, string, string, string | null]>([
    ['after the selector when there is no pipeline', '{job="x"}', 'level', 'error', '{job="x"} | level="error"'],
    ['after the last stage', '{job="x"} |= "a" | json', 'level', 'error', '{job="x"} |= "a" | json | level="error"'],
    ['before trailing blanks and comments', '{job="x"} | logfmt   ', 'level', 'info', '{job="x"} | logfmt | level="info"   '],
    ['with quotes and backslashes escaped', '{job="x"} | json', 'msg', 'say "hi" \\o/', '{job="x"} | json | msg="say \\"hi\\" \\\\o/"'],
    ['not fooled by a pipe or brace inside a string', '{job="a|b}"} |= "x | y}"', 'level', 'warn', '{job="a|b}"} |= "x | y}" | level="warn"'],
    ['inside a range aggregation, before the range', 'count_over_time({job="x"} | json [5m])', 'level', 'error', 'count_over_time({job="x"} | json | level="error" [5m])'],
    ['before an unwrap', 'sum_over_time({job="x"} | logfmt | unwrap latency [5m])', 'level', 'error', 'sum_over_time({job="x"} | logfmt | level="error" | unwrap latency [5m])'],
    ['after a pipeline written after the range', 'rate({job="x"}[5m] | json)', 'level', 'error', 'rate({job="x"}[5m] | json | level="error")'],
    ['in every log expression of a binary query', 'rate({a="1"}[1m]) / rate({b="2"}[1m])', 'level', 'error', 'rate({a="1"} | level="error"[1m]) / rate({b="2"} | level="error"[1m])'],
    ['on a multi-line query', '{job="x"}\n  | json\n', 'level', 'error', '{job="x"}\n  | json | level="error"\n'],
    ['nowhere when there is no selector', 'sum(', 'level', 'error', null],
  ])('%s', (_name, query, name, value, want) => expect(addLabelFilter(query, name, value)).toBe(want));

  it('anchors and escapes a regex value', () => expect(addLabelFilter('{job="x"}', 'path', '/a.b', '=~')).toBe('{job="x"} | path=~"^/a\\\\.b$"'));
  it('finds one end per log expression, in document order', () => expect(pipelineEnds('rate({a="1"}[1m]) + rate({b="2"} | json [1m])')).toEqual([12, 39]));
});

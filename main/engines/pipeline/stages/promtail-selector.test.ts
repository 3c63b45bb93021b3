import { describe, expect, it } from 'vitest';
import { parsePromtailSelector } from './promtail-selector';

type M = [name: string, op: string, value: string];
type F = [op: string, value: string];

function ok(input: string): { matchers: M[]; filters: F[] } {
  const r = parsePromtailSelector(input);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return {
    matchers: r.selector.matchers.map((m) => [m.name, m.op, m.value]),
    filters: r.selector.filters.map((f) => [f.op, f.values[0]!.kind === 'string' ? f.values[0]!.value : '?']),
  };
}

function err(input: string): string {
  const r = parsePromtailSelector(input);
  if (r.ok) throw new Error('expected a parse error');
  return r.error.message;
}

describe('Promtail match selector grammar', () => {
  const parses: [string, string, M[], F[]][] = [
    ['a single equality matcher', '{foo="bar"}', [['foo', '=', 'bar']], []],
    ['spaces around every token', '{ foo = "bar" }', [['foo', '=', 'bar']], []],
    ['all four matcher operators', '{a="1", b!="2", c=~"3", d!~"4"}', [['a', '=', '1'], ['b', '!=', '2'], ['c', '=~', '3'], ['d', '!~', '4']], []],
    ['a LogQL keyword as a label name', '{drop="true"}', [['drop', '=', 'true']], []],
    ['more keywords as names', '{or="1",and="2",json="3",by="4",keep="5"}', [['or', '=', '1'], ['and', '=', '2'], ['json', '=', '3'], ['by', '=', '4'], ['keep', '=', '5']], []],
    ['an empty matcher value (no non-empty rule)', '{foo=""}', [['foo', '=', '']], []],
    ['a number scanned as a name', '{1="x"}', [['1', '=', 'x']], []],
    ['a unicode letter name', '{été="x"}', [['été', '=', 'x']], []],
    ['Go escapes in a value', '{a="q\\"\\t\\x41\\101\\u00e9\\U0001F600\\\\"}', [['a', '=', 'q"\tAAé😀\\']], []],
    ['a line filter', '{foo="bar"} |= "baz"', [['foo', '=', 'bar']], [['|=', 'baz']]],
    ['all four line filters in order', '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"', [['foo', '=', 'bar']], [['|=', 'baz'], ['|~', 'blip'], ['!=', 'flip'], ['!~', 'flap']]],
    ['comments skipped like Go source', '{a="b"} /* c */ |= "x" // tail', [['a', '=', 'b']], [['|=', 'x']]],
    ['newlines between tokens', '{a="b",\n b="c"}\n|= "x"', [['a', '=', 'b'], ['b', '=', 'c']], [['|=', 'x']]],
  ];
  for (const [name, input, matchers, filters] of parses) {
    it(`parses ${name}`, () => {
      expect(ok(input)).toEqual({ matchers, filters });
    });
  }

  const errors: [string, string, string][] = [
    ['an unterminated string', '{foo="bar}', 'parse error at line 1, col 6: literal not terminated'],
    ['a missing closing brace', '{foo="bar"', 'parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,'],
    ['a filter without its string', '{foo="bar"} |~', 'parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING'],
    ['a string where a filter belongs', '{foo="bar"} "foo"', 'parse error at line 1, col 13: syntax error: unexpected STRING, expecting != or !~ or |~ or |='],
    ['a word where a filter belongs', '{foo="bar"} foo', 'parse error at line 1, col 13: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
    ['an empty selector', '{}', 'parse error at line 1, col 2: syntax error: unexpected }, expecting IDENTIFIER'],
    ['a lone brace', '{', 'parse error at line 1, col 2: syntax error: unexpected $end, expecting IDENTIFIER'],
    ['blank input', '  ', 'parse error at line 1, col 3: syntax error: unexpected $end, expecting {'],
    ['no braces', 'foo="bar"', 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER, expecting {'],
    ['a missing operator', '{foo "bar"}', 'parse error at line 1, col 6: syntax error: unexpected STRING, expecting = or != or =~ or !~'],
    ['a two-character token out of place (line 0, as Scanner.Next leaves it)', '{foo |= "x"}', 'parse error at line 0, col 6: syntax error: unexpected |=, expecting = or != or =~ or !~'],
    ['a backquoted value, which is a raw string and so an IDENTIFIER', '{foo=`bar`}', 'parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting STRING'],
    ['a LogQL parser stage', '{foo="bar"} | json', 'parse error at line 1, col 13: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
    ['a LogQL or between filter strings', '{a="b"} |= "x" or "y"', 'parse error at line 1, col 16: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
    ['a pattern filter', '{a="b"} |> "x"', 'parse error at line 1, col 9: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
    ['a dot', '{a="b"}.', 'parse error at line 1, col 8: syntax error: unexpected ., expecting != or !~ or |~ or |='],
    ['a trailing comma', '{a="b",}', 'parse error at line 1, col 8: syntax error: unexpected }, expecting IDENTIFIER'],
    ['an invalid escape (the scanner words it)', '{a="\\q"}', 'parse error at line 1, col 4: invalid char escape'],
    ['an escape the scanner accepts but Unquote refuses', '{a="\\777"}', 'parse error at line 1, col 4: invalid syntax'],
    ['a surrogate code point escape', '{a="b"} |= "\\ud800"', 'parse error at line 1, col 12: invalid syntax'],
    ['a single-quote escape in a double-quoted string', '{a="\\\'"}', 'parse error at line 1, col 4: invalid char escape'],
    ['a string broken by a newline', '{a="b\n"}', 'parse error at line 1, col 4: literal not terminated'],
    ['an error on the second line', '{a="b",\n  b}', 'parse error at line 2, col 4: syntax error: unexpected }, expecting = or != or =~ or !~'],
    ['an unterminated comment after a complete selector', '{a="b"} /* x', 'parse error at line 1, col 9: comment not terminated'],
    ['a bad octal number as a name', '{08="x"}', "parse error at line 1, col 2: invalid digit '8' in octal literal"],
    ['a multi-character char literal', "{'ab'=\"x\"}", 'parse error at line 1, col 2: invalid char literal'],
    ['columns counted in characters', '{é="x"} é', 'parse error at line 1, col 9: syntax error: unexpected IDENTIFIER, expecting != or !~ or |~ or |='],
  ];
  for (const [name, input, message] of errors) {
    it(`reports ${name}`, () => {
      expect(err(input)).toBe(message);
    });
  }

  it('gives matchers and filters spans in the source', () => {
    const r = parsePromtailSelector('{ab="c"} != "d"');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.selector.matchers[0]!.span).toEqual({ from: 1, to: 7 });
    expect(r.selector.filters[0]!.span).toEqual({ from: 9, to: 15 });
    expect(r.selector.filters[0]!.values[0]!.span).toEqual({ from: 12, to: 15 });
  });
});

/**
 * The additions our copy of the lezer-logql grammar makes (see logql.grammar's header), each
 * checked on the tree and, through parseLogql, on what Loki answers.
 */
import { describe, expect, it } from 'vitest';
import { parseLogql } from '../parse.js';
import { printExpr } from '../print.js';
import { parser } from './parser.js';

const strict = parser.configure({ strict: true });
const accepts = (q: string): boolean => {
  try {
    strict.parse(q);
    return true;
  } catch {
    return false;
  }
};
const printed = (q: string): string => {
  const r = parseLogql(q);
  if (!r.ok) throw new Error(r.error.message);
  return printExpr(r.expr);
};
const error = (q: string): string => {
  const r = parseLogql(q);
  return r.ok ? 'parsed' : r.error.message;
};

describe('grammar additions', () => {
  it('approx_topk is a vector operation', () => {
    expect(accepts('approx_topk(2, rate({a="b"}[1m]))')).toBe(true);
    expect(printed('approx_topk(2, rate({a="b"}[1m]))')).toMatch(/^approx_topk\(2,/);
  });
  it('unwrap, then range, then offset after a pipeline, with or without parentheses', () => {
    for (const q of ['sum_over_time({a="b"} | json | unwrap x [1m] offset 5m)', 'sum_over_time(({a="b"} | json | unwrap x) [1m])', 'sum_over_time(({a="b"} | json | unwrap x | y > 1) [1m] offset 5m)']) {
      expect(accepts(q)).toBe(true);
      expect(parseLogql(q).ok).toBe(true);
    }
  });
  it('`{}` parses, so validation gives Loki message', () => {
    expect(accepts('{}')).toBe(true);
    expect(error('{} |= "x"')).toMatch(/^parse error : queries require at least one regexp or equality matcher/);
  });
  it('label filters by juxtaposition, grouped as yacc does (no precedence: the right side takes all)', () => {
    expect(printed('{a="b"} | x="1" y="2"')).toBe('{a="b"} | ( x="1" , y="2" )');
    expect(printed('{a="b"} | x="1" y="2" or z="3"')).toBe('{a="b"} | ( x="1" , ( y="2" or z="3" ) )');
    expect(printed('{a="b"} | x="1" or y="2" z > 1')).toBe('{a="b"} | ( x="1" or ( y="2" , z>1 ) )');
    expect(printed('{a="b"} | (x="1" or y="2") z="3"')).toBe('{a="b"} | ( ( x="1" or y="2" ) , z="3" )');
  });
  it('ip() anywhere in an or-chain of line filter values', () => {
    expect(accepts('{a="b"} |= ip("1.1.1.1") or "x"')).toBe(true);
    expect(accepts('{a="b"} |= "x" or ip("1.1.1.1") or "y"')).toBe(true);
  });
  it('tells the `|` of `| unwrap` from a stage `|` by the next word, blanks and comments skipped', () => {
    expect(accepts('sum_over_time({a="b"} | json |\n # c\n UNWRAP x [1m])')).toBe(true);
    expect(accepts('sum_over_time({a="b"} | unwrapped="1" | unwrap x [1m])')).toBe(true);
    expect(error('{a="b"} | unwrap x')).toBe('parse error at line 1, col 11: syntax error: unexpected unwrap');
  });
  it('keeps upstream node shapes where the editor reads them', () => {
    const names = (q: string) => {
      const out: string[] = [];
      parser.parse(q).iterate({ enter: (n) => void out.push(n.name) });
      return out.join(' ');
    };
    expect(names('{a="b"} | x="1"')).toContain('PipelineStage Pipe LabelFilter Matcher');
    expect(names('{a="b"} | x="1" and y="2"')).toContain('LabelFilter LabelFilter Matcher Identifier Eq String And LabelFilter Matcher');
  });
});

describe('identifiers as Loki lexes them', () => {
  it('rejects `:` (Loki lexes it as a token of its own)', () => {
    expect(accepts('{a:b="c"}')).toBe(false);
    expect(error('{a:b="c"}')).toBe('parse error at line 1, col 3: syntax error: unexpected IDENTIFIER, expecting = or =~ or !~ or !=');
  });
  it('accepts Unicode letters and digits (Go: unicode.IsLetter, unicode.IsDigit)', () => {
    expect(accepts('{é="x"} | json ünï٣ | ünï٣ = "y"')).toBe(true);
    expect(accepts('{_a1="x"}')).toBe(true);
    expect(accepts('{1a="x"}')).toBe(false);
  });
});

describe('long lists (upstream lezer force-reduces left recursion after ~300 items past 2 000 characters)', () => {
  const timed = (q: string) => {
    const t = performance.now();
    const r = parseLogql(q);
    return { ok: r.ok ? 'ok' : r.error.message, ms: performance.now() - t };
  };
  it('2 000 chained line filters', () => {
    const q = `{a="b"}${' |= "x" != "y"'.repeat(1000)}`;
    expect(timed(q).ok).toBe('ok');
    const r = parseLogql(q);
    expect(r.ok && r.expr.kind === 'logQuery' ? r.expr.stages.length : 0).toBe(2000);
  });
  it('a 100 KB query of mixed stages, in a log query and in a range aggregation', () => {
    const stage = (i: number) => [` |= "e${i}"`, ` | json`, ` | l${i}="v" and n > ${i} m=~"x" or o!="p", q < 5s`, ` | logfmt --strict a, b="c"`, ` | drop a, b="c"`, ` | label_format x=y, z="{{.a}}"`, ` |~ "r" or "s"`][i % 7]!;
    const pipeline = (size: number) => {
      let out = '';
      for (let i = 0; out.length < size; i++) out += stage(i);
      return out;
    };
    for (const q of [`{a="b"}${pipeline(100_000)}`, `sum by (a) (count_over_time({a="b"}${pipeline(100_000)} [1m]))`]) {
      expect(q.length).toBeGreaterThan(100_000);
      const r = timed(q);
      expect(r.ok.slice(0, 200)).toBe('ok');
      expect(r.ms).toBeLessThan(3000);
    }
  });
  it.each([
    ['matchers', `{a="b"${', c="d"'.repeat(3000)}}`],
    ['or-ed line filter values', `{a="b"} |= "x"${' or "y"'.repeat(5000)}`],
    ['and-ed label filters', `{a="b"} | x="1"${' and y="2"'.repeat(3000)}`],
    ['juxtaposed label filters', `{a="b"} | x="1"${' y="2"'.repeat(3000)}`],
    ['drop labels', `{a="b"} | drop a${', b'.repeat(3000)}`],
    ['json parameters', `{a="b"} | json a${', b'.repeat(3000)}`],
    ['label_format', `{a="b"} | label_format a=b${Array.from({ length: 3000 }, (_, i) => `, c${i}=d`).join('')}`],
    ['post-unwrap filters', `sum_over_time({a="b"} | unwrap x${' | y="1"'.repeat(2000)} [1m])`],
    ['grouping labels', `sum by (a${', b'.repeat(3000)}) (count_over_time({a="b"}[1m]))`],
  ])('%s', (_, q) => expect(timed(q).ok.slice(0, 200)).toBe('ok'));
});

/**
 * Keywords and label names as Loki's lexer (pkg/logql/syntax/lex.go) decides them. The words
 * of its `tokens` map are keywords wherever they stand, and the grammar (syntax.y) takes only
 * IDENTIFIER where a label name goes, so such words can never be label names. Its
 * functionTokens are IDENTIFIER unless `(` (or `by (` / `without (`) follows, so they can be
 * label names anywhere. (Promtail's match stage does not use this parser: its selector grammar,
 * clients/pkg/logentry/logql, has no keywords.)
 */
describe('keywords as label names', () => {
  const functionWords = ['sum', 'avg', 'count', 'max', 'min', 'stddev', 'stdvar', 'topk', 'bottomk', 'approx_topk', 'sort', 'sort_desc', 'rate', 'rate_counter', 'count_over_time', 'bytes_rate', 'bytes_over_time', 'avg_over_time', 'sum_over_time', 'min_over_time', 'max_over_time', 'stdvar_over_time', 'stddev_over_time', 'quantile_over_time', 'first_over_time', 'last_over_time', 'absent_over_time', 'vector', 'label_replace', 'ip', 'bytes', 'duration', 'duration_seconds'];
  const keywords = ['by', 'without', 'and', 'or', 'unless', 'bool', 'offset', 'on', 'ignoring', 'group_left', 'group_right', 'json', 'logfmt', 'regexp', 'unpack', 'pattern', 'label_format', 'line_format', 'decolorize', 'drop', 'keep', 'unwrap'];

  it.each(functionWords)('a function name not followed by `(`, %s, is a label name in a selector', (w) => {
    expect(printed(`{${w}="x", ${w.toUpperCase()}!="y"}`)).toBe(`{${w}="x", ${w.toUpperCase()}!="y"}`);
  });
  it.each(keywords)('a keyword, %s, is not a label name in a selector, in any case', (w) => {
    expect(error(`{${w}="x"}`)).toBe(`parse error at line 1, col 2: syntax error: unexpected ${w}, expecting IDENTIFIER or }`);
    expect(error(`{a="b", ${w.toUpperCase()}="x"}`)).toBe(`parse error at line 1, col 9: syntax error: unexpected ${w}, expecting IDENTIFIER`);
  });

  it.each([
    ['a label filter', '{a="b"} | sum="x" and rate > 5 or vector=~"v" count < 1s, topk >= 1KB', '{a="b"} | ( ( sum="x" , rate>5 ) or ( vector=~"v" , ( count<1s , topk>=1.0kB ) ) )'],
    ['an ip label filter', '{a="b"} | ip = ip("1.2.3.4")', '{a="b"} | ip=ip("1.2.3.4")'],
    ['label_format, on either side', '{a="b"} | label_format sum=rate, vector="{{.count}}"', '{a="b"} | label_format sum=rate,vector="{{.count}}"'],
    ['drop', '{a="b"} | drop sum, rate="x"', '{a="b"} | drop sum,rate="x"'],
    ['keep', '{a="b"} | keep label_replace, ip', '{a="b"} | keep label_replace,ip'],
    ['json parameters', '{a="b"} | json sum, count="c.d"', '{a="b"} | json sum="sum",count="c.d"'],
    ['logfmt parameters', '{a="b"} | logfmt --strict max, min="m"', '{a="b"} | logfmt --strict max="max",min="m"'],
    ['unwrap', 'sum_over_time({a="b"} | unwrap bytes [1m])', 'sum_over_time({a="b"} | unwrap bytes[1m])'],
    ['an unwrap conversion', 'sum_over_time({a="b"} | unwrap duration(duration) [1m])', 'sum_over_time({a="b"} | unwrap duration(duration)[1m])'],
    ['by ()', 'sum by (sum, vector) (rate({a="b"}[1m]))', 'sum by (sum,vector)(rate({a="b"}[1m]))'],
    ['without ()', 'sum(rate({a="b"}[1m])) without (rate)', 'sum without (rate)(rate({a="b"}[1m]))'],
    ['on () and group_left ()', 'sum(rate({a="b"}[1m])) / on (count) group_left (topk) sum(rate({a="b"}[1m]))', '(sum(rate({a="b"}[1m])) / on (count) group_left (topk) sum(rate({a="b"}[1m])))'],
  ])('a function name is a label name in %s', (_, q, want) => expect(printed(q)).toBe(want));

  it.each([
    ['a label filter', '{a="b"} | drop="x"', 'parse error at line 1, col 15: syntax error: unexpected =, expecting IDENTIFIER'],
    ['a label filter (and)', '{a="b"} | and="x"', 'parse error at line 1, col 11: syntax error: unexpected and'],
    ['a label filter (by)', '{a="b"} | BY > 1', 'parse error at line 1, col 11: syntax error: unexpected by'],
    ['a label filter after a join', '{a="b"} | x="1" or json="y"', 'parse error at line 1, col 20: syntax error: unexpected json'],
    ['an ip label filter', '{a="b"} | or = ip("1.2.3.4")', 'parse error at line 1, col 11: syntax error: unexpected or'],
    ['label_format, left', '{a="b"} | label_format and=b', 'parse error at line 1, col 24: syntax error: unexpected and, expecting IDENTIFIER'],
    ['label_format, right', '{a="b"} | label_format x=offset', 'parse error at line 1, col 26: syntax error: unexpected offset, expecting IDENTIFIER or STRING'],
    ['drop', '{a="b"} | drop keep', 'parse error at line 1, col 16: syntax error: unexpected keep, expecting IDENTIFIER'],
    ['keep', '{a="b"} | keep a, unless', 'parse error at line 1, col 19: syntax error: unexpected unless, expecting IDENTIFIER'],
    ['unwrap', 'sum_over_time({a="b"} | unwrap on [1m])', 'parse error at line 1, col 32: syntax error: unexpected on, expecting IDENTIFIER or BYTES_CONV or DURATION_CONV or DURATION_SECONDS_CONV'],
    ['by ()', 'sum by (without) (rate({a="b"}[1m]))', 'parse error at line 1, col 9: syntax error: unexpected without, expecting IDENTIFIER or )'],
    ['by (), after a comma', 'sum by (a, pattern) (rate({a="b"}[1m]))', 'parse error at line 1, col 12: syntax error: unexpected pattern, expecting IDENTIFIER'],
    ['on ()', 'sum(rate({a="b"}[1m])) / on (and) sum(rate({a="b"}[1m]))', 'parse error at line 1, col 30: syntax error: unexpected and, expecting IDENTIFIER or )'],
  ])('a keyword is not a label name in %s', (_, q, want) => expect(error(q)).toBe(want));

  it('json and logfmt parameters: a keyword there ends the stage (`and`/`or` start a binary operation)', () => {
    expect(error('{a="b"} | json and="x"')).toBe('parse error at line 1, col 19: syntax error: unexpected =');
    expect(error('{a="b"} | json a, by')).toBe('parse error at line 1, col 19: syntax error: unexpected by, expecting IDENTIFIER');
    expect(error('{a="b"} | logfmt drop')).toBe('parse error at line 1, col 18: syntax error: unexpected drop');
  });
  it('a function name followed by `(` or `by (` is the function, as in Loki', () => {
    expect(accepts('{a="b"} | count by (x)')).toBe(false);
    expect(accepts('{a="b"} | rate(x) > 1')).toBe(false);
    expect(printed('vector(1) + label_replace(vector(2), "d", "$1", "s", "(.*)")')).toMatch(/^\(vector\(1\.000000\) \+ label_replace\(vector/);
  });
});

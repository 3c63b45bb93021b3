import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { unquoteGo, quoteGo } from './go-strings.js';
import { isValidIpPattern } from './ip-pattern.js';
import { parseLogql } from './parse.js';
import { patternParserError } from './pattern-expr.js';
import { printExpr } from './print.js';
import { goRegexpError } from './regex-errors.js';
import { formatGoDuration, formatPromDuration, parseBytes, parseLokiDuration, parsePromDuration } from './units.js';
import { collect } from './walk.js';

const ok = (q: string): Expr => {
  const r = parseLogql(q);
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
};
const err = (q: string) => {
  const r = parseLogql(q);
  return r.ok ? 'parsed' : r.error.message;
};
/** The tree without spans, for structural comparison. */
const shape = (e: unknown): unknown => JSON.parse(JSON.stringify(e, (k, v) => (k === 'span' ? undefined : v)));

describe('Go string literals', () => {
  it.each([
    ['"a\\"b"', 'a"b'], ['"\\\\"', '\\'], ['"\\n\\t"', '\n\t'], ['"\\u00e9"', 'é'], ['"\\xc3\\xa9"', 'é'], ['"\\101"', 'A'], ['`a\\nb`', 'a\\nb'],
  ])('decodes %s as strconv.Unquote does', (lit, want) => expect(unquoteGo(lit)).toEqual({ ok: true, value: want }));
  it.each(['"\\q"', '"\\ud800"', '"a\nb"', '"\\x4"'])('rejects %s', (lit) => expect(unquoteGo(lit).ok).toBe(false));
  it('quotes as strconv.Quote does', () => expect(quoteGo('a"\\\n\x01é')).toBe('"a\\"\\\\\\n\\x01é"'));
});

describe('durations and bytes', () => {
  it.each([['1h30m', 5400e9], ['500ms', 5e8], ['1d', 86400e9], ['1w', 604800e9], ['1y', 31536000e9]])('reads the range %s', (s, ns) => expect(parsePromDuration(s)).toEqual({ ok: true, value: ns }));
  it('words an unknown unit as Prometheus does', () => expect(parsePromDuration('1x')).toEqual({ ok: false, error: 'unknown unit "x" in duration "1x"' }));
  it('falls back to Go durations for label filters', () => expect(parseLokiDuration('1.5s')).toEqual({ ok: true, value: 1.5e9 }));
  it.each([['10KB', 10000], ['1MiB', 1048576], ['3B', 3], ['1.5kB', 1500]])('reads the size %s as humanize does', (s, n) => expect(parseBytes(s)).toEqual({ ok: true, value: n }));
  it('prints ranges and offsets as Loki does', () => {
    expect(formatPromDuration(5400e9)).toBe('1h30m');
    expect(formatGoDuration(3600e9)).toBe('1h0m0s');
    expect(formatGoDuration(1.5e9)).toBe('1.5s');
  });
});

describe('the tree', () => {
  it('applies Loki precedence, with ^ right-associative', () => {
    expect(printExpr(ok('1 + 2 * 3 ^ 2 ^ 2'))).toBe('(1 + (2 * (3 ^ (2 ^ 2))))');
    expect(printExpr(ok('vector(1) or vector(2) and vector(3) > bool 1'))).toBe('(vector(1.000000) or (vector(2.000000) and (vector(3.000000) > bool 1)))');
  });
  it('groups label filters as yacc does: and binds before or, a comma takes everything to its right', () => {
    expect(printExpr(ok('{a="b"} | x="1" or y="2" and z="3"'))).toBe('{a="b"} | ( x="1" or ( y="2" , z="3" ) )');
    expect(printExpr(ok('{a="b"} | x="1" and y="2", z="3" or w="4"'))).toBe('{a="b"} | ( x="1" , ( y="2" , ( z="3" or w="4" ) ) )');
  });
  it('reads vector matching, bool and negative literals', () => {
    const e = ok('sum(rate({a="b"}[1m])) / on (x) group_left (y) -2');
    expect(e).toMatchObject({ kind: 'binary', op: '/', matching: { on: true, labels: ['x'], card: 'many-to-one', include: ['y'] }, right: { kind: 'literal', value: -2 } });
  });
  it('keeps approx_topk and an offset after unwrap (grammar additions over upstream lezer)', () => {
    expect(ok('approx_topk(2, sum by (job) (rate({a="b"}[5m])))')).toMatchObject({ kind: 'vectorAggregation', op: 'approx_topk', param: 2 });
    const q = 'avg_over_time({a="b"} | logfmt | unwrap g [30s] offset 30s) by (host)';
    const r = ok(q);
    expect(r).toMatchObject({ range: { rangeNs: 30e9, offsetNs: 30e9, unwrap: { label: 'g' } }, grouping: { labels: ['host'] } });
    expect(r.span).toEqual({ from: 0, to: q.length });
    expect((r as { range: { span: unknown } }).range.span).toEqual({ from: 14, to: q.indexOf(')') });
  });
  it('parses `{}` so that validation words the error as Loki does', () => {
    const r = parseLogql('{} |= "x"');
    expect(r.ok ? '' : r.error.message).toMatch(/at least one regexp or equality matcher/);
  });
  it('reads line filters with or, ip() and label filter units', () => {
    const e = ok('{a="b"} |= "x" or ip("1.1.1.1") != "y" | d > 1m | s <= 10KB | n == -1.5e3');
    const stages = (e as Extract<Expr, { kind: 'logQuery' }>).stages;
    expect(stages.map((s) => s.kind)).toEqual(['lineFilter', 'lineFilter', 'labelFilter', 'labelFilter', 'labelFilter']);
    expect(collect(e, 'duration')[0]).toMatchObject({ value: 60e9, op: '>' });
    expect(collect(e, 'bytes')[0]).toMatchObject({ value: 10000, op: '<=' });
    expect(collect(e, 'number')[0]).toMatchObject({ value: -1500, op: '==' });
  });
});

describe('errors', () => {
  it.each([
    ['{job=~".*", a!="x"}', 'parse error : queries require at least one regexp'],
    ['sum_over_time({a="b"}[1m])', 'parse error : invalid aggregation sum_over_time without unwrap'],
    ['topk(2.5, rate({a="b"}[1m]))', 'parse error : invalid parameter topk(2.5,'],
    ['{a="b"} + 1', 'parse error : unexpected type for left leg of binary operation (+): *syntax.MatchersExpr'],
    ['1 and vector(1)', 'parse error : unexpected literal for left leg of logical/set binary operation (and): 1.000000'],
    ['{a="b"} |= ip("10.0.0.0/33")', `parse error : stage '|= ip("10.0.0.0/33")' : ip: invalid pattern: "10.0.0.0/33"`],
    ['{a="b"}\n| foo', 'parse error at line 2, col 6: syntax error: unexpected $end'],
    ['{a="b"} | unwrap', 'parse error at line 1, col 11: syntax error: unexpected unwrap'],
  ])('rejects %j', (q, want) => expect(err(q).startsWith(want)).toBe(true));

  it('parses a 100 KB query in bounded time', () => {
    // A generated alternation (Grafana multi-value variables) plus a realistic pipeline.
    // (Long lists of stages: grammar/grammar.test.ts.)
    const values = Array.from({ length: 9000 }, (_, i) => `host-${i}`).join('|');
    const q = `sum by (host) (count_over_time({job="a", host=~"${values}"} |= "x" |~ "${values.slice(0, 20000)}" | json | status >= 500 [5m]))`;
    expect(q.length).toBeGreaterThan(100_000);
    const t = performance.now();
    expect(parseLogql(q).ok).toBe(true);
    expect(performance.now() - t).toBeLessThan(2000);
  });
  it('refuses deep nesting with a clear error instead of overflowing the stack', () => {
    const q = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(err(q)).toMatch(/nested too deeply/);
    expect(parseLogql(`${'('.repeat(200)}1${')'.repeat(200)}`).ok).toBe(true);
  });
  it('refuses queries of 128 KiB as Loki does', () => expect(err(`{a="${'x'.repeat(131072)}"}`)).toMatch(/^parse error : input size too long \(\d+ > 131072\)$/));
});

describe('helpers', () => {
  it.each(['1.2.3.4', '10.0.0.0/8', '1.1.1.1-1.1.1.9', '::1', '2001:db8::/32', 'fe80::1%eth0', '::ffff:1.2.3.4'])('accepts the ip pattern %s', (p) => expect(isValidIpPattern(p)).toBe(true));
  it.each(['300.1.1.1', '01.1.1.1', '1.2.3', '1.1.1.9-1.1.1.1', '10.0.0.0/33', 'x'])('rejects the ip pattern %s', (p) => expect(isValidIpPattern(p)).toBe(false));
  it.each([
    ['foo', 'at least one capture is required'], ['<a><b>', "found consecutive capture '<a><b>': invalid expression"], ['<a> <a>', 'duplicate capture name (a): invalid expression'], ['<_> <a>', null],
  ])('validates the pattern %j', (p, want) => expect(patternParserError(p)).toBe(want));
  it.each([
    ['missing ): (', 'error parsing regexp: missing closing ): `(`'],
    ['missing ]: [a', 'error parsing regexp: missing closing ]: `[a`'],
    ['trailing \\', 'error parsing regexp: trailing backslash at end of expression'],
    ['bad repetition operator: **', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['no argument for repetition operator: *', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ])('maps the RE2 error %j to Go wording', (re2, go) => expect(goRegexpError(re2)).toBe(go));
});

describe('printing round-trips', () => {
  const dir = new URL('../../../shared/conformance/logql/', import.meta.url);
  const queries = readdirSync(dir).flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { cases: { query: string; expect?: unknown }[] }).cases.filter((c) => c.expect).map((c) => c.query));
  it.each(queries.map((q) => [q]))('parse(print(parse(%s))) equals parse', (q) => {
    const first = ok(q);
    const printed = printExpr(first);
    expect(shape(ok(printed))).toEqual(shape(first));
  });
});

import { describe, expect, it } from 'vitest';
import { parsePromql } from './parse';

describe('parsePromql', () => {
  const ok: [string, string, unknown][] = [
    ['a signed literal folds into a number', '-1', { kind: 'number', value: -1 }],
    ['a duration literal reads as seconds', '1m', { kind: 'number', value: 60 }],
    ['hex numbers parse as Go does', '0x10', { kind: 'number', value: 16 }],
    ['offset binds to the closest selector, not the binary expression', 'a or b offset 5m', { kind: 'binary', right: { kind: 'vectorSelector', offset: { kind: 'literal', ms: 300000 } } }],
    ['a subquery keeps its range and step', 'x[5m:1m]', { kind: 'subquery', range: { kind: 'literal', ms: 300000 }, step: { kind: 'literal', ms: 60000 } }],
    ['@ start() is kept for the engine to resolve', 'x @ start()', { kind: 'vectorSelector', at: { kind: 'start' } }],
    ['single-quoted strings unquote with Go escapes', "'a\\tb'", { kind: 'string', value: 'a\tb' }],
  ];
  it.each(ok)('%s', (_name, text, shape) => {
    const r = parsePromql(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.expr).toMatchObject(shape as object);
  });

  const errors: [string, string, string][] = [
    // Messages and positions checked against prometheus 2.42's /api/v1/query.
    ['input ending inside braces says so at its end', 'foo{', '1:5: parse error: unexpected end of input inside braces'],
    ['an unclosed parenthesis is reported at the end of input', 'sum(rate(x[5m])', '1:16: parse error: unclosed left parenthesis'],
    ['a stray right parenthesis is reported just after it', 'sum(x))', "1:8: parse error: unexpected right parenthesis ')'"],
    ['an unknown function is named at its identifier', 'a or foo(b)', '1:6: parse error: unknown function with name "foo"'],
    ['an incomplete binary expression ends unexpectedly', 'x +', '1:4: parse error: unexpected end of input'],
    ['scalar comparisons need bool', '1 > 2', '1:1: parse error: comparisons between scalars must use BOOL modifier'],
    ['functions check their argument types', 'rate(foo)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['a selector needs a non-empty matcher', '{a=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ];
  it.each(errors)('%s', (_name, text, message) => {
    const r = parsePromql(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });

  it('records spans of nodes in the source', () => {
    const r = parsePromql('sum(rate(x[5m]))');
    expect(r.ok && r.expr.kind === 'aggregate' && r.expr.expr.span).toEqual({ start: 4, end: 15 });
  });
});

import { describe, expect, it } from 'vitest';
import type { LokiData } from '../suites/logql-suite';
import { compareLokiData, compareLokiError } from './logql-result';

const streams = (...result: { stream: Record<string, string>; values: string[][] }[]): LokiData => ({ resultType: 'streams', result });
const matrix = (...result: { metric: Record<string, string>; values: [number, string][] }[]): LokiData => ({ resultType: 'matrix', result });
const vector = (...result: { metric: Record<string, string>; value: [number, string] }[]): LokiData => ({ resultType: 'vector', result });

const A = { job: 'a' };
const B = { job: 'b' };

describe('compareLokiData', () => {
  it.each<[string, LokiData, LokiData, string | null]>([
    ['streams agree whatever their order', streams({ stream: A, values: [['1', 'x']] }, { stream: B, values: [] }), streams({ stream: B, values: [] }, { stream: A, values: [['1', 'x']] }), null],
    ['label order inside a label set does not matter', streams({ stream: { a: '1', b: '2' }, values: [] }), streams({ stream: { b: '2', a: '1' }, values: [] }), null],
    ['entries must be in the same order', streams({ stream: A, values: [['2', 'y'], ['1', 'x']] }), streams({ stream: A, values: [['1', 'x'], ['2', 'y']] }), 'entry 0'],
    ['a missing stream is named', streams({ stream: A, values: [] }), streams(), 'missing series {job="a"}'],
    ['an extra stream is named', streams(), streams({ stream: B, values: [] }), 'unexpected series {job="b"}'],
    ['a different line is a difference', streams({ stream: A, values: [['1', 'x']] }), streams({ stream: A, values: [['1', 'X']] }), 'entry 0'],
    ['resultType must match', streams(), matrix(), 'resultType'],
    ['matrix values within 1e-9 agree', matrix({ metric: A, values: [[1, '0.3']] }), matrix({ metric: A, values: [[1, String(0.1 + 0.2)]] }), null],
    ['matrix values beyond 1e-9 differ', matrix({ metric: A, values: [[1, '1']] }), matrix({ metric: A, values: [[1, '1.00001']] }), 'expected 1, got 1.00001'],
    ['a missing point is a difference', matrix({ metric: A, values: [[1, '1'], [2, '1']] }), matrix({ metric: A, values: [[1, '1']] }), 'expected 2 points'],
    ['NaN agrees with NaN', vector({ metric: {}, value: [5, 'NaN'] }), vector({ metric: {}, value: [5, 'NaN'] }), null],
    ['vectors are sets keyed by label set', vector({ metric: A, value: [5, '1'] }, { metric: B, value: [5, '2'] }), vector({ metric: B, value: [5, '2'] }, { metric: A, value: [5, '1'] }), null],
    ['vector times must agree', vector({ metric: A, value: [5, '1'] }), vector({ metric: A, value: [6, '1'] }), 'expected time 5'],
    ['scalars compare as a point', { resultType: 'scalar', result: [5, '2'] }, { resultType: 'scalar', result: [5, '2.0'] }, null],
  ])('%s', (_title, expected, actual, difference) => {
    const result = compareLokiData(expected, actual);
    if (difference === null) expect(result).toBeNull();
    else expect(result).toContain(difference);
  });
});

describe('compareLokiError', () => {
  const parse = 'parse error at line 1, col 14: syntax error: unexpected $end, expecting } or ,';
  it.each<[string, { status: number; message: string }, { status: number; message: string }, boolean]>([
    ['a parse error at the same position agrees whatever the token names', { status: 400, message: parse }, { status: 400, message: 'parse error at line 1, col 14: syntax error: unexpected end of input' }, true],
    ['a parse error at another position differs', { status: 400, message: parse }, { status: 400, message: 'parse error at line 1, col 13: syntax error' }, false],
    ['another status differs', { status: 400, message: parse }, { status: 500, message: parse }, false],
    ['the Go library wording after the second ": " may differ', { status: 400, message: 'parse error : invalid regexp parser: duplicate extracted label name \'a\'' }, { status: 400, message: 'parse error : invalid regexp parser: label a twice' }, true],
    ['the leading clauses must agree', { status: 400, message: 'parse error : invalid regexp parser: x' }, { status: 400, message: 'parse error : invalid pattern parser: x' }, false],
    ['a message without clauses must agree in full', { status: 400, message: 'limit must be a positive value' }, { status: 400, message: 'limit must be a positive value' }, true],
    ['a different plain message differs', { status: 400, message: 'limit must be a positive value' }, { status: 400, message: 'bad limit' }, false],
  ])('%s', (_title, expected, actual, agrees) => {
    expect(compareLokiError(expected, actual) === null).toBe(agrees);
  });
});

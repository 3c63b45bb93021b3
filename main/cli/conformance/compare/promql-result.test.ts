import { describe, expect, it } from 'vitest';
import { parsePromqlScript, type PromqlCase } from '../suites/promql-script';
import { comparePromqlAnswer, expectedPoints, type PromqlAnswer, type PromqlValue } from './promql-result';

/** One eval from a tiny script, so the expectations are built exactly as the runner builds them. */
function evalCase(script: string): PromqlCase {
  const [c] = parsePromqlScript(`load 1m\n  m{a="1"} 0+1x5\n\n${script}\n`, 'inline.test');
  return c!;
}
const ok = (value: PromqlValue, extra: Partial<PromqlAnswer> = {}): PromqlAnswer => ({ value, warnings: [], infos: [], ...extra });
const vec = (...samples: [Record<string, string>, number][]): PromqlValue => ({ type: 'vector', samples: samples.map(([labels, v]) => ({ labels, v })) });

describe('comparePromqlAnswer', () => {
  it.each<[string, string, PromqlAnswer, string | null]>([
    ['an instant vector agrees as a set', 'eval instant at 1m m\n  m{a="1"} 1\n  m{a="2"} 2', ok(vec([{ __name__: 'm', a: '2' }, 2], [{ __name__: 'm', a: '1' }, 1])), null],
    ['expect ordered checks positions', 'eval instant at 1m m\n  expect ordered\n  m{a="1"} 1\n  m{a="2"} 2', ok(vec([{ __name__: 'm', a: '2' }, 2], [{ __name__: 'm', a: '1' }, 1])), 'expected at position 0'],
    ['values agree within 1e-6 relative', 'eval instant at 1m m\n  m{a="1"} 0.3', ok(vec([{ __name__: 'm', a: '1' }, 0.30000001])), null],
    ['a wrong value is reported', 'eval instant at 1m m\n  m{a="1"} 1', ok(vec([{ __name__: 'm', a: '1' }, 2])), 'expected 1, got 2'],
    ['the metric name is part of the labels', 'eval instant at 1m m\n  {a="1"} 1', ok(vec([{ __name__: 'm', a: '1' }, 1])), 'missing series {a="1"}'],
    ['no expected lines means an empty result', 'eval instant at 1m nothing', ok(vec()), null],
    ['a bare number is a scalar', 'eval instant at 1m 1+1\n  2', ok({ type: 'scalar', v: 2 }), null],
    ['a scalar is not a vector', 'eval instant at 1m 1+1\n  2', ok(vec([{}, 2])), 'expected scalar'],
    ['expect string compares the string', 'eval instant at 1m "a"\n  expect string "a"', ok({ type: 'string', v: 'a' }), null],
    ['range values expand over the steps, _ being a gap', 'eval range from 0 to 2m step 1m m\n  m{a="1"} 0 _ 2', ok({ type: 'matrix', series: [{ labels: { __name__: 'm', a: '1' }, points: [{ t: 0, v: 0 }, { t: 120_000, v: 2 }] }] }), null],
    ['a range point at the wrong time differs', 'eval range from 0 to 2m step 1m m\n  m{a="1"} 0 1', ok({ type: 'matrix', series: [{ labels: { __name__: 'm', a: '1' }, points: [{ t: 0, v: 0 }, { t: 120_000, v: 1 }] }] }), 'point 1 expected at 60000ms'],
    ['expect fail passes on an error', 'eval instant at 1m m\n  expect fail', { error: 'boom', warnings: [], infos: [] }, null],
    ['expect fail msg compares the message', 'eval instant at 1m m\n  expect fail msg: boom', { error: 'bang', warnings: [], infos: [] }, 'expected error boom'],
    ['eval_fail is expect fail', 'eval_fail instant at 1m m', ok(vec()), 'expected the query to fail'],
    ['an unexpected error fails', 'eval instant at 1m m', { error: 'boom', warnings: [], infos: [] }, 'unexpected error: boom'],
    ['expect warn needs a warning', 'eval instant at 1m m\n  expect warn', ok(vec()), 'expected a warning, got none'],
    ['expect warn regex matches the warning', 'eval instant at 1m m\n  expect warn regex: bad \\d', ok(vec(), { warnings: ['bad 1'] }), null],
    ['expect no_info rejects an info', 'eval instant at 1m m\n  expect no_info', ok(vec(), { infos: ['hmm'] }), 'expected no info annotation'],
  ])('%s', (_title, script, answer, difference) => {
    const c = evalCase(script);
    const result = comparePromqlAnswer(c.expect, c.query, answer);
    if (difference === null) expect(result).toBeNull();
    else expect(result).toContain(difference);
  });

  it('places range points at start + i·step and skips gaps', () => {
    const points = expectedPoints([{ kind: 'float', value: 1 }, { kind: 'omitted' }, { kind: 'float', value: 3 }], 1000, 500);
    expect(points.map((p) => p.t)).toEqual([1000, 2000]);
  });
});

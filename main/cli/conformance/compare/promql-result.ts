// Judges a PromQL answer against a promqltest eval's expectations, as promqltest does: series
// matched by exact label set (order only under `expect ordered`), range expectations expanded
// over the steps with `_` meaning "no point here", floats within almost.Equal(1e-6), and the
// fail/warn/info annotations. Returns null when they agree, else the difference in words.

import type { PromqlExpectations, PromqlQuery, PromqlSeries } from '../suites/promql-script';
import { formatLabels, labelsKey, type Labels } from '../../../../shared/notation/series-descriptor';
import type { SequenceValue } from '../../../../shared/notation/series-values';
import { almostEqual, PROMQL_EPSILON } from './numbers';

/** What an engine answers, in milliseconds and plain numbers (stale markers never appear in results). */
export type PromqlValue =
  | { type: 'scalar'; v: number }
  | { type: 'string'; v: string }
  | { type: 'vector'; samples: { labels: Labels; v: number }[] }
  | { type: 'matrix'; series: { labels: Labels; points: { t: number; v: number }[] }[] };

export interface PromqlAnswer {
  /** Set when the query failed (parse or execution error). */
  error?: string;
  value?: PromqlValue;
  warnings: string[];
  infos: string[];
}

export function comparePromqlAnswer(expect: PromqlExpectations, query: PromqlQuery, answer: PromqlAnswer): string | null {
  const annotations = compareAnnotations(expect, answer);
  if (annotations !== undefined) return annotations;
  const value = answer.value;
  if (!value) return 'no result';
  if (expect.string !== undefined) {
    return value.type === 'string' && value.v === expect.string ? null : `expected string ${JSON.stringify(expect.string)}, got ${describe(value)}`;
  }
  if (expect.scalar !== undefined) {
    if (value.type !== 'scalar') return `expected scalar, got ${describe(value)}`;
    return sameValue(expect.scalar, value.v) ? null : `expected scalar ${show(expect.scalar)}, got ${value.v}`;
  }
  const steps = expect.rangeVector ?? (query.kind === 'range' ? query : undefined);
  if (steps) {
    if (value.type !== 'matrix') return `expected a matrix, got ${describe(value)}`;
    return compareMatrix(expect.series, value.series, steps.startMs, steps.stepMs, expect.ordered);
  }
  if (value.type !== 'vector') return `expected a vector, got ${describe(value)}`;
  return compareVector(expect.series, value.samples, expect.ordered);
}

/** undefined: annotations agree and the result must be checked; string: the failure; null: an expected failure happened. */
function compareAnnotations(expect: PromqlExpectations, answer: PromqlAnswer): string | null | undefined {
  const fail = expect.annotations.find((a) => a.kind === 'fail');
  if (fail) {
    if (answer.error === undefined) return 'expected the query to fail, it succeeded';
    return matches(fail, answer.error) ? null : `expected error ${fail.msg ?? `/${fail.regex}/`}, got ${JSON.stringify(answer.error)}`;
  }
  if (answer.error !== undefined) return `unexpected error: ${answer.error}`;
  for (const a of expect.annotations) {
    const list = a.kind === 'warn' || a.kind === 'no_warn' ? answer.warnings : answer.infos;
    const what = a.kind.endsWith('warn') ? 'warning' : 'info annotation';
    if (a.kind.startsWith('no_')) {
      if (list.length) return `expected no ${what}, got ${JSON.stringify(list[0])}`;
    } else if (!list.some((text) => matches(a, text))) {
      return list.length ? `expected ${what} ${a.msg ?? `/${a.regex}/`}, got ${JSON.stringify(list)}` : `expected a ${what}, got none`;
    }
  }
  return undefined;
}

function matches(a: { msg?: string; regex?: string }, text: string): boolean {
  if (a.msg !== undefined) return text === a.msg;
  if (a.regex !== undefined) return new RegExp(a.regex).test(text);
  return true;
}

function compareVector(expected: PromqlSeries[], actual: { labels: Labels; v: number }[], ordered: boolean): string | null {
  if (expected.length !== actual.length) return `expected ${expected.length} series, got ${actual.length}${actual[0] ? ` (first: ${formatLabels(actual[0].labels)})` : ''}`;
  const byKey = new Map(actual.map((s, i) => [labelsKey(s.labels), { s, i }]));
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const found = byKey.get(labelsKey(e.labels));
    if (!found) return `missing series ${formatLabels(e.labels)}`;
    if (ordered && found.i !== i) return `${formatLabels(e.labels)}: expected at position ${i}, got ${found.i}`;
    if (!sameValue(e.values[0]!, found.s.v)) return `${formatLabels(e.labels)}: expected ${show(e.values[0]!)}, got ${found.s.v}`;
  }
  return null;
}

function compareMatrix(expected: PromqlSeries[], actual: { labels: Labels; points: { t: number; v: number }[] }[], startMs: number, stepMs: number, ordered: boolean): string | null {
  if (expected.length !== actual.length) return `expected ${expected.length} series, got ${actual.length}${actual[0] ? ` (first: ${formatLabels(actual[0].labels)})` : ''}`;
  const byKey = new Map(actual.map((s, i) => [labelsKey(s.labels), { s, i }]));
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const found = byKey.get(labelsKey(e.labels));
    if (!found) return `missing series ${formatLabels(e.labels)}`;
    if (ordered && found.i !== i) return `${formatLabels(e.labels)}: expected at position ${i}, got ${found.i}`;
    const want = expectedPoints(e.values, startMs, stepMs);
    const got = found.s.points;
    if (want.length !== got.length) return `${formatLabels(e.labels)}: expected ${want.length} points, got ${got.length}`;
    for (let j = 0; j < want.length; j++) {
      const w = want[j]!;
      const g = got[j]!;
      if (w.t !== g.t) return `${formatLabels(e.labels)}: point ${j} expected at ${w.t}ms, got ${g.t}ms`;
      if (!sameValue(w.value, g.v)) return `${formatLabels(e.labels)}: at ${w.t}ms expected ${show(w.value)}, got ${g.v}`;
    }
  }
  return null;
}

/** The expected points of a range expectation: value i is at start + i·step; `_` leaves a gap. */
export function expectedPoints(values: SequenceValue[], startMs: number, stepMs: number): { t: number; value: SequenceValue }[] {
  const points: { t: number; value: SequenceValue }[] = [];
  values.forEach((value, i) => {
    if (value.kind !== 'omitted') points.push({ t: startMs + i * stepMs, value });
  });
  return points;
}

function sameValue(expected: SequenceValue, actual: number): boolean {
  return expected.kind === 'float' && almostEqual(expected.value, actual, PROMQL_EPSILON);
}

function show(v: SequenceValue): string {
  return v.kind === 'float' ? String(v.value) : v.kind === 'histogram' ? v.text : v.kind;
}

function describe(v: PromqlValue): string {
  return v.type === 'string' || v.type === 'scalar' ? `${v.type} ${JSON.stringify(v.v)}` : v.type;
}

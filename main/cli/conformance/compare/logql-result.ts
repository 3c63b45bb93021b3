// Compares a LogQL answer with Loki's recorded one, per shared/conformance/README.md: streams as
// a set keyed by label set with entries in order; matrices and vectors as sets keyed by label
// set; numbers with a relative tolerance of 1e-9. Returns null when they agree, else the first
// difference in words (that is the reason a failing case reports).

import type { LokiData } from '../suites/logql-suite';
import { formatLabels, labelsKey, type Labels } from '../../../../shared/notation/series-descriptor';
import { almostEqual, LOGQL_EPSILON, parseApiFloat } from './numbers';

type Stream = { stream: Labels; values: unknown[][] };
type MatrixSeries = { metric: Labels; values: [number, string][] };
type VectorSample = { metric: Labels; value: [number, string] };

export function compareLokiData(expected: LokiData, actual: LokiData): string | null {
  if (expected.resultType !== actual.resultType) return `resultType: expected ${expected.resultType}, got ${actual.resultType}`;
  switch (expected.resultType) {
    case 'streams':
      return compareKeyed(expected.result as Stream[], actual.result as Stream[], (s) => s.stream, compareEntries);
    case 'matrix':
      return compareKeyed(expected.result as MatrixSeries[], actual.result as MatrixSeries[], (s) => s.metric, (e, a) => comparePoints(e.values, a.values));
    case 'vector':
      return compareKeyed(expected.result as VectorSample[], actual.result as VectorSample[], (s) => s.metric, (e, a) => comparePoint(e.value, a.value));
    case 'scalar':
      return comparePoint(expected.result as [number, string], actual.result as [number, string]);
  }
}

function compareKeyed<T>(expected: T[], actual: T[], labelsOf: (x: T) => Labels, compare: (e: T, a: T) => string | null): string | null {
  const byKey = new Map<string, T[]>();
  for (const a of actual) {
    const key = labelsKey(labelsOf(a));
    byKey.set(key, [...(byKey.get(key) ?? []), a]);
  }
  for (const e of expected) {
    const candidates = byKey.get(labelsKey(labelsOf(e)));
    const a = candidates?.shift();
    if (a === undefined) return `missing series ${formatLabels(labelsOf(e))}`;
    const diff = compare(e, a);
    if (diff) return `${formatLabels(labelsOf(e))}: ${diff}`;
  }
  const extra = [...byKey.values()].flat();
  if (extra.length) return `unexpected series ${formatLabels(labelsOf(extra[0]!))}${extra.length > 1 ? ` and ${extra.length - 1} more` : ''}`;
  return null;
}

/** Entries in order: [ns string, line, (optional) metadata], compared exactly. */
function compareEntries(e: Stream, a: Stream): string | null {
  if (e.values.length !== a.values.length) return `expected ${e.values.length} entries, got ${a.values.length}`;
  for (let i = 0; i < e.values.length; i++) {
    const want = JSON.stringify(e.values[i]);
    const got = JSON.stringify(a.values[i]);
    if (want !== got) return `entry ${i}: expected ${want}, got ${got}`;
  }
  return null;
}

function comparePoints(e: [number, string][], a: [number, string][]): string | null {
  if (e.length !== a.length) return `expected ${e.length} points, got ${a.length}`;
  for (let i = 0; i < e.length; i++) {
    const diff = comparePoint(e[i]!, a[i]!);
    if (diff) return `point ${i}: ${diff}`;
  }
  return null;
}

function comparePoint(e: [number, string], a: [number, string]): string | null {
  if (!almostEqual(Number(e[0]), Number(a[0]), LOGQL_EPSILON)) return `expected time ${e[0]}, got ${a[0]}`;
  if (!almostEqual(parseApiFloat(e[1]), parseApiFloat(a[1]), LOGQL_EPSILON)) return `at ${e[0]} expected ${e[1]}, got ${a[1]}`;
  return null;
}

const POSITIONED = /^parse error at line (\d+), col (\d+):/;

/**
 * "Same meaning" for an error: the same HTTP status, and
 * - for a positioned parse error, the same line and column (the token names after it come from
 *   Loki's yacc grammar, which Vigie's lezer grammar does not reproduce);
 * - otherwise the same leading clauses: the text up to the second ": ", where the wording of the
 *   Go library underneath (regexp, strconv) starts and may differ.
 */
export function compareLokiError(expected: { status: number; message: string }, actual: { status: number; message: string }): string | null {
  if (expected.status !== actual.status) return `expected status ${expected.status}, got ${actual.status} (${actual.message})`;
  const want = POSITIONED.exec(expected.message);
  if (want) {
    const got = POSITIONED.exec(actual.message);
    if (!got) return `expected a parse error at line ${want[1]}, col ${want[2]}, got ${JSON.stringify(actual.message)}`;
    if (got[1] !== want[1] || got[2] !== want[2]) return `expected the parse error at line ${want[1]}, col ${want[2]}, got line ${got[1]}, col ${got[2]}`;
    return null;
  }
  const head = errorHead(expected.message);
  if (!normalize(actual.message).startsWith(normalize(head))) return `expected an error starting ${JSON.stringify(head)}, got ${JSON.stringify(actual.message)}`;
  return null;
}

export function errorHead(message: string): string {
  return message.split(': ').slice(0, 2).join(': ');
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

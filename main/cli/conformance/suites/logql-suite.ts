// logql/*.json: streams recorded into Loki, then queries with Loki's answers. Each case keeps a
// reference to the suite's streams (shared, not copied) so a runner can load them once per suite.

import type { CaseBase } from '../model';
import { SuiteFileError } from '../suite-file-error';

export interface LogqlStream {
  labels: Record<string, string>;
  /** [unix ns as a decimal string, line] */
  values: [string, string][];
}

/** Loki's `data` object: resultType + result, exactly as the HTTP API returns it. */
export interface LokiData {
  resultType: 'streams' | 'matrix' | 'vector' | 'scalar';
  result: unknown;
}

export interface LogqlCase extends CaseBase {
  query: string;
  kind: 'range' | 'instant';
  /** unix ns as decimal strings, as Loki takes them. */
  start?: string;
  end?: string;
  time?: string;
  /** seconds */
  step?: number;
  limit?: number;
  direction?: 'forward' | 'backward' | string;
  expect?: LokiData;
  expectError?: { status: number; message: string };
  streams: LogqlStream[];
}

export function isLogqlDocument(doc: unknown): boolean {
  const d = doc as { streams?: unknown; cases?: unknown } | null;
  return typeof d === 'object' && d !== null && Array.isArray(d.streams) && Array.isArray(d.cases);
}

export function logqlCasesFromDocument(doc: unknown, path: string): LogqlCase[] {
  if (!isLogqlDocument(doc)) throw new SuiteFileError(path, 'not a LogQL suite: expected "streams" and "cases" lists');
  const { streams, cases } = doc as { streams: LogqlStream[]; cases: unknown[] };
  return cases.map((raw, i) => {
    const c = raw as Partial<LogqlCase> | null;
    if (typeof c !== 'object' || c === null || typeof c.name !== 'string' || typeof c.query !== 'string') {
      throw new SuiteFileError(path, `cases[${i}] needs a "name" and a "query"`);
    }
    if (c.kind !== 'range' && c.kind !== 'instant') throw new SuiteFileError(path, `cases[${i}] (${c.name}): kind must be "range" or "instant"`);
    if (!c.expect === !c.expectError) throw new SuiteFileError(path, `cases[${i}] (${c.name}): needs exactly one of "expect" and "expectError"`);
    return { ...(c as LogqlCase), streams };
  });
}

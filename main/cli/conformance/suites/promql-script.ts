// promqltest scripts (Prometheus' promql/promqltest/testdata/*.test) → one case per `eval`.
// Line handling follows promqltest: lines are trimmed, `#` comment lines count as blank, and a
// blank line ends a command's block. Each case carries the `load`s since the last `clear`, so
// an engine can replay them into a fresh store and run the case on its own.

import type { CaseBase } from '../model';
import { parsePromDuration } from '../../../../shared/notation/duration';
import { NotationError, readQuoted } from '../../../../shared/notation/go-string';
import { parseSeriesDescriptor, type Labels } from '../../../../shared/notation/series-descriptor';
import { expandSeriesValues, type SequenceValue } from '../../../../shared/notation/series-values';
import { SuiteFileError } from '../suite-file-error';

export interface PromqlSeries {
  labels: Labels;
  values: SequenceValue[];
}

export interface PromqlLoad {
  line: number;
  intervalMs: number;
  /** `load_with_nhcb`: classic histogram series are also loaded as native histograms with custom buckets. */
  withNhcb: boolean;
  series: PromqlSeries[];
}

export type PromqlQuery =
  | { kind: 'instant'; atMs: number }
  | { kind: 'range'; startMs: number; endMs: number; stepMs: number };

export type PromqlAnnotationKind = 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';

export interface PromqlExpectations {
  /** `expect fail|warn|info …` and their `eval_fail`-style forms; `msg` is exact text, `regex` a Go regexp. */
  annotations: { kind: PromqlAnnotationKind; msg?: string; regex?: string }[];
  ordered: boolean;
  /** `expect string "…"`: the query yields this string. */
  string?: string;
  /** `expect range vector from … to … step …`: an instant query yields a matrix with these steps. */
  rangeVector?: { startMs: number; endMs: number; stepMs: number };
  /** A bare number line: the query yields this scalar. */
  scalar?: SequenceValue;
  /** `{labels} values` lines: one value for instant queries, expanding notation over the steps otherwise. */
  series: PromqlSeries[];
}

export interface PromqlCase extends CaseBase {
  line: number;
  expr: string;
  query: PromqlQuery;
  loads: PromqlLoad[];
  expect: PromqlExpectations;
}

const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;
const EXPECT_STRING = /^expect string\s+(.+)$/;
const LOAD = /^(load|load_with_nhcb)\s+(\S+)$/;

export function parsePromqlScript(text: string, path: string): PromqlCase[] {
  const lines = text.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const cases: PromqlCase[] = [];
  let loads: PromqlLoad[] = [];
  const fail = (index: number, detail: string): never => {
    throw new SuiteFileError(path, detail, { line: index + 1, column: 1 });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const start = i;
    const command = line.split(/\s+/, 1)[0]!.toLowerCase();
    if (command === 'clear') {
      loads = [];
      continue;
    }
    // load and eval own the lines below them, up to the next blank line.
    const block: { index: number; text: string }[] = [];
    while (i + 1 < lines.length && lines[i + 1]) block.push({ index: ++i, text: lines[i]! });
    try {
      if (command.startsWith('load')) {
        loads = [...loads, parseLoad(line, start, block)];
      } else if (command.startsWith('eval')) {
        cases.push(parseEval(line, start, block, loads));
      } else {
        fail(start, `invalid command ${JSON.stringify(command)}`);
      }
    } catch (err) {
      if (err instanceof NotationError) fail((err as LineError).lineIndex ?? start, err.message);
      throw err;
    }
  }
  return cases;
}

type LineError = NotationError & { lineIndex?: number };

/** Attaches the script line to notation errors thrown while reading it. */
function lineError(index: number, message: string): LineError {
  const err: LineError = new NotationError(message);
  err.lineIndex = index;
  return err;
}

function atLine<T>(index: number, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof NotationError) (err as LineError).lineIndex = index;
    throw err;
  }
}

function parseLoad(header: string, index: number, block: { index: number; text: string }[]): PromqlLoad {
  const m = LOAD.exec(header);
  if (!m) throw lineError(index, `invalid load command: ${header}`);
  const intervalMs = atLine(index, () => parsePromDuration(m[2]!));
  const series = block.map((l) => atLine(l.index, () => {
    const { labels, rest } = parseSeriesDescriptor(l.text);
    return { labels, values: expandSeriesValues(rest) };
  }));
  return { line: index + 1, intervalMs, withNhcb: m[1] === 'load_with_nhcb', series };
}

function parseEval(header: string, index: number, block: { index: number; text: string }[], loads: PromqlLoad[]): PromqlCase {
  const expect: PromqlExpectations = { annotations: [], ordered: false, series: [] };
  let expr: string;
  let query: PromqlQuery;
  let legacy: string | undefined;
  const instant = EVAL_INSTANT.exec(header);
  const range = instant ? null : EVAL_RANGE.exec(header);
  if (instant) {
    legacy = instant[1];
    query = { kind: 'instant', atMs: atLine(index, () => parsePromDuration(instant[2] ?? '0')) };
    expr = instant[3]!;
  } else if (range) {
    legacy = range[1];
    const [startMs, endMs, stepMs] = [range[2]!, range[3]!, range[4]!].map((d) => atLine(index, () => parsePromDuration(d.trim())));
    query = { kind: 'range', startMs: startMs!, endMs: endMs!, stepMs: stepMs! };
    expr = range[5]!;
  } else {
    throw lineError(index, `invalid eval command: ${header}`);
  }
  if (legacy === 'ordered') expect.ordered = true;
  else if (legacy) expect.annotations.push({ kind: legacy as PromqlAnnotationKind });

  let histograms = false;
  for (const { index: at, text } of block) {
    atLine(at, () => {
      if (text.includes('{{')) histograms = true;
      if (text.startsWith('expect')) return readExpect(text, expect);
      if (/^[+-]?[0-9.]|^[+-]?(?:inf|nan)\b/i.test(text) && !/\s/.test(text)) {
        expect.scalar = expandSeriesValues(text)[0];
        return;
      }
      const { labels, rest } = parseSeriesDescriptor(text);
      const values = expandSeriesValues(rest);
      if (query.kind === 'instant' && !expect.rangeVector && values.length !== 1) {
        throw new NotationError(`an instant eval expects exactly one value per series, got ${values.length}`);
      }
      expect.series.push({ labels, values });
    });
  }
  return {
    name: `line ${index + 1}: ${expr}`,
    ...(histograms ? { outOfScope: 'native histograms ({{…}}) are out of scope' } : {}),
    line: index + 1,
    expr,
    query,
    loads,
    expect,
  };
}

function readExpect(text: string, expect: PromqlExpectations): void {
  const range = EXPECT_RANGE.exec(text);
  if (range) {
    const [startMs, endMs, stepMs] = [range[1]!, range[2]!, range[3]!].map((d) => parsePromDuration(d.trim()));
    expect.rangeVector = { startMs: startMs!, endMs: endMs!, stepMs: stepMs! };
    return;
  }
  const str = EXPECT_STRING.exec(text);
  if (str) {
    const quoted = readQuoted(str[1]!, 0);
    if (quoted.end !== str[1]!.length) throw new NotationError(`unexpected text after expect string: ${text}`);
    expect.string = quoted.value;
    return;
  }
  const m = EXPECT.exec(text);
  if (!m) throw new NotationError(`invalid expect line: ${text}`);
  if (m[1] === 'ordered') {
    expect.ordered = true;
    return;
  }
  const kind = m[1] as PromqlAnnotationKind;
  const detail = m[3]?.trim();
  expect.annotations.push({ kind, ...(m[2] === 'msg' ? { msg: detail } : m[2] === 'regex' ? { regex: detail } : {}) });
}

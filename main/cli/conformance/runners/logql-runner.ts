// The LogQL engine in conformance: each case goes through Loki's HTTP-layer checks, the parser
// (with the RE2 port and the template engine as its regex / template checks), then the log-query
// runner over the suite's streams, and is judged with compare/logql-result. Metric queries go to
// engines/logql/metric, fed with the suite's entries merged in time order across streams (as
// Loki's sample iterator merges them), so series fed by several streams add up in Loki's order.

import { parseLogql } from '../../../../shared/logql/parse';
import { compileLokiTemplate } from '../../../adapters/re2/logql-ports';
import { re2CheckRegex, re2Port } from '../../../adapters/re2/re2-port';
import { checkLogQueryParams, checkRequestParams, type QueryParams } from '../../../engines/logql/request-params';
import type { CompileTemplate, LogqlPorts } from '../../../engines/logql/ports';
import { runLogQuery, type LogEntryIn, type LogSource } from '../../../engines/logql/run-log-query';
import { createMetricQuery } from '../../../engines/logql/metric/evaluate';
import type { MetricExpr } from '../../../../shared/logql/ast';
import { compareLokiData, compareLokiError } from '../compare/logql-result';
import type { CaseOutcome, CaseRunner } from '../model';
import type { LogqlCase, LogqlStream, LokiData } from '../suites/logql-suite';

const sources = new WeakMap<LogqlStream[], LogSource>();

/** The suite's streams as the engine's source: timestamps as bigint, each stream in time order. */
export function sourceOf(streams: LogqlStream[]): LogSource {
  let s = sources.get(streams);
  if (!s) {
    s = {
      streams: streams.map((st) => ({
        labels: { ...st.labels },
        entries: st.values.map(([ts, line]) => ({ tsNs: BigInt(ts), line })).sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0)),
      })),
    };
    sources.set(streams, s);
  }
  return s;
}

function judgeError(c: LogqlCase, got: { status: number; message: string }): CaseOutcome {
  if (!c.expectError) return { status: 'failed', reason: `unexpected error ${got.status}: ${got.message}` };
  const diff = compareLokiError(c.expectError, got);
  return diff ? { status: 'failed', reason: diff } : { status: 'passed' };
}

export async function runLogqlCase(c: LogqlCase, compile: CompileTemplate = compileLokiTemplate): Promise<CaseOutcome> {
  const request = checkRequestParams(c);
  if (!request.ok) return judgeError(c, request);
  const ports: LogqlPorts = { regex: re2Port, compileTemplate: compile };
  const parsed = parseLogql(c.query, {
    checkRegex: re2CheckRegex,
    checkTemplate: (text) => {
      const r = compile('line', text);
      return r.ok ? null : r.error;
    },
  });
  if (!parsed.ok) return judgeError(c, { status: 400, message: parsed.error.message });
  if (parsed.expr.kind !== 'logQuery') return runMetricCase(c, parsed.expr, request.params, ports);
  const logCheck = checkLogQueryParams(request.params);
  if (!logCheck.ok) return judgeError(c, logCheck);
  const { startNs, endNs, limit, direction } = request.params;
  const outcome = runLogQuery(parsed.expr, sourceOf(c.streams), { startNs, endNs, limit, direction }, ports);
  if (!outcome.ok) return judgeError(c, { status: 400, message: outcome.error.message });
  if (c.expectError) return { status: 'failed', reason: `expected error ${c.expectError.status} (${c.expectError.message}), got a result` };
  const diff = compareLokiData(c.expect as LokiData, outcome.data as LokiData);
  return diff ? { status: 'failed', reason: diff } : { status: 'passed' };
}

export const logqlCaseRunner: CaseRunner<LogqlCase> = {
  run: (c) => runLogqlCase(c),
};

type Run = { labels: LogSource['streams'][number]['labels']; entries: LogEntryIn[] };
const mergedRuns = new WeakMap<LogqlStream[], Run[]>();

/** All entries in time order (ties by stream order), as runs of consecutive entries of one stream. */
function timeOrderedRuns(streams: LogqlStream[]): Run[] {
  let runs = mergedRuns.get(streams);
  if (runs) return runs;
  const all: { s: number; e: LogEntryIn }[] = [];
  sourceOf(streams).streams.forEach((st, s) => st.entries.forEach((e) => all.push({ s, e })));
  all.sort((a, b) => (a.e.tsNs < b.e.tsNs ? -1 : a.e.tsNs > b.e.tsNs ? 1 : a.s - b.s));
  runs = [];
  const src = sourceOf(streams).streams;
  for (const { s, e } of all) {
    const last = runs[runs.length - 1];
    if (last && last.labels === src[s]!.labels) last.entries.push(e);
    else runs.push({ labels: src[s]!.labels, entries: [e] });
  }
  mergedRuns.set(streams, runs);
  return runs;
}

function runMetricCase(c: LogqlCase, expr: MetricExpr, params: QueryParams, ports: LogqlPorts): CaseOutcome {
  const created = createMetricQuery(expr, params, ports);
  if (!created.ok) return judgeError(c, { status: 400, message: created.error.message });
  const q = created.query;
  const range = q.timeRange();
  if (range) {
    for (const run of timeOrderedRuns(c.streams)) {
      if (!q.selects(run.labels)) continue;
      q.push(run.labels, run.entries.filter((e) => e.tsNs > range.fromNs && e.tsNs <= range.toNs));
    }
  }
  const outcome = q.result();
  if (!outcome.ok) return judgeError(c, outcome.error);
  if (c.expectError) return { status: 'failed', reason: `expected error ${c.expectError.status} (${c.expectError.message}), got a result` };
  const diff = compareLokiData(c.expect as LokiData, outcome.data as LokiData);
  return diff ? { status: 'failed', reason: diff } : { status: 'passed' };
}

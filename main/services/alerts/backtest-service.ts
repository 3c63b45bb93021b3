/**
 * `rules.backtest`: every group of a rule file evaluated over [start, end] at its interval, as
 * the server that would run it — Prometheus over the metrics the pipeline derives from the
 * chosen streams on log time (PromQL groups), Loki's ruler over the streams themselves (LogQL
 * groups). The work is bounded before it starts (rule evaluations per group), streamed as
 * progress, and stops at the caller's AbortSignal.
 */
import type { BacktestEvent, BacktestGroup } from '../../../shared/contract/alerts';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { Expr } from '../../../shared/promql/ast';
import { parsePromql } from '../../../shared/promql/parse';
import { re2Port } from '../../adapters/re2/re2-port';
import { templateRegexPort } from '../../adapters/re2/template-regex-port';
import { backtestGroup, type BacktestResult } from '../../engines/alerting/backtest';
import { parseRuleFile } from '../../engines/alerting/rulefmt';
import type { OutputSample, QueryFunc, RuleGroupSpec, Vector } from '../../engines/alerting/types';
import { selectorName, walkPromql } from '../../engines/alerting/lint/promql-walk';
import { createPromqlEngine, type PromqlEngine } from '../../engines/promql/engine';
import { labelsFromRecord } from '../../engines/tsdb/labels';
import { createStorage, type Storage } from '../../engines/tsdb/storage';
import type { LocalStream } from '../pipeline/input-lines';
import { checkRules } from './check-rules';
import { EventQueue } from './event-queue';
import { MAX_STEPS_PER_QUERY, prepareLogqlQuery } from './logql-rule-query';
import { operandSeries } from './operand-series';
import { loadPipelineMetrics } from './pipeline-metrics';

/** Rule evaluations (steps × rules) one group may cost: 7 days at 15s of 20 rules is 806,400. */
export const MAX_EVALUATIONS_PER_GROUP = 1_000_000;
const DEFAULT_INTERVAL_MS = 60_000;
const LOOKBACK_MS = 5 * 60_000;
/** Errors kept per group (a rule failing at every step says so once per distinct message). */
const MAX_ERRORS = 100;
/** Expression series reported per group, and points per series (thinned evenly beyond). */
const MAX_SERIES = 1000;
const MAX_POINTS = 11_000;
/** Samples of range-query answers held for one expression of a group. */
const AHEAD_SAMPLES = 2_000_000;

export interface BacktestRequest {
  rules: string;
  streamIds: string[];
  pipeline: string | null;
  /** A Prometheus connection id: PromQL rules are asked of it (no pipeline metrics then). */
  prometheus?: string | null | undefined;
  start: number;
  end: number;
  intervalMs?: number | undefined;
}

const fmt = (n: number) => n.toLocaleString('en');
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How far before the first evaluation an expression reads: every range and offset, plus the lookback. */
function reachMs(expr: string): number {
  const p = parsePromql(expr);
  if (!p.ok) return LOOKBACK_MS;
  let sum = LOOKBACK_MS;
  const lit = (d: { kind: string; ms?: number } | undefined) => (d?.kind === 'literal' ? Math.max(0, d.ms ?? 0) : 0);
  walkPromql(p.expr, (n: Expr) => {
    if (n.kind === 'matrixSelector') sum += lit(n.range);
    if (n.kind === 'subquery') sum += lit(n.range) + lit(n.offset);
    if (n.kind === 'vectorSelector') sum += lit(n.offset);
  });
  return sum;
}

export function checkBudget(groups: readonly { name: string; rules: number; intervalMs: number }[], startMs: number, endMs: number): void {
  if (!(endMs >= startMs)) throw new AppFailure(appError('bad_input', 'the back-test range ends before it starts'));
  for (const g of groups) {
    const steps = Math.floor((endMs - startMs) / g.intervalMs) + 1;
    const evaluations = steps * Math.max(1, g.rules);
    if (evaluations <= MAX_EVALUATIONS_PER_GROUP) continue;
    const minInterval = Math.ceil(((endMs - startMs) * Math.max(1, g.rules)) / MAX_EVALUATIONS_PER_GROUP / 1000);
    throw new AppFailure(appError('bad_input',
      `group ${JSON.stringify(g.name)}: ${fmt(steps)} evaluation steps × ${g.rules} rules = ${fmt(evaluations)} rule evaluations, over the back-test limit of ${fmt(MAX_EVALUATIONS_PER_GROUP)} per group: shorten the range or evaluate every ${minInterval}s or more`));
  }
}

const toVector = (r: ReturnType<PromqlEngine['instantQuery']>): Vector => {
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value;
  if (v.resultType === 'vector') return v.result.map((s) => ({ labels: s.metric, value: s.value }));
  if (v.resultType === 'scalar') return [{ labels: {}, value: v.result.value }];
  throw new Error(`rule result is not a vector or scalar: ${v.resultType}`);
};

/** The metric names an expression reads; null when a selector names none (it may read anything). */
function readsOf(expr: string): Set<string> | null {
  const p = parsePromql(expr);
  if (!p.ok) return new Set();
  const names = new Set<string>();
  let any = false;
  walkPromql(p.expr, (n: Expr) => {
    if (n.kind !== 'vectorSelector') return;
    const name = selectorName(n);
    if (name === undefined) any = true;
    else names.add(name);
  });
  return any ? null : names;
}

/**
 * Prometheus evaluates groups side by side; here each runs over the whole range in turn, so a
 * group that reads what another records (or ALERTS) runs after it. Groups that read each other
 * keep their file order.
 */
export function evaluationOrder<G extends { spec: RuleGroupSpec; language: string }>(groups: readonly G[]): G[] {
  const writes = groups.map((g) => new Set(g.spec.rules.flatMap((r) => (r.kind === 'recording' ? [r.record] : ['ALERTS', 'ALERTS_FOR_STATE']))));
  const reads = groups.map((g) => (g.language === 'promql' ? g.spec.rules.map((r) => readsOf(r.expr)) : []));
  const dependsOn = (a: number, b: number) => a !== b && reads[a]!.some((names) => names === null ? writes[b]!.size > 0 : [...names].some((n) => writes[b]!.has(n)));
  const order: number[] = [];
  const placed = new Set<number>();
  while (order.length < groups.length) {
    // The first group in file order whose writers are all placed (else the first left: a cycle).
    const ready = groups.findIndex((_, i) => !placed.has(i) && groups.every((_, j) => placed.has(j) || !dependsOn(i, j) || dependsOn(j, i)));
    const next = ready >= 0 ? ready : groups.findIndex((_, i) => !placed.has(i));
    placed.add(next);
    order.push(next);
  }
  return order.map((i) => groups[i]!);
}

/**
 * Whether a rule's expression can be answered ahead as one range query: Prometheus evaluates a
 * range query step by step exactly as instant queries, so the answers are the same — unless the
 * expression reads what rules write while the back-test runs (recorded series, ALERTS, or any
 * series through a selector without a metric name) or pins its time with `@`.
 */
function answerableAhead(expr: string, written: ReadonlySet<string>): boolean {
  const p = parsePromql(expr);
  if (!p.ok) return false;
  let ok = true;
  walkPromql(p.expr, (n: Expr) => {
    if ((n.kind === 'vectorSelector' || n.kind === 'subquery') && n.at) ok = false;
    if (n.kind !== 'vectorSelector') return;
    const name = selectorName(n);
    if (name === undefined || written.has(name)) ok = false;
  });
  return ok;
}

/**
 * PromQL over the back-test store: range queries on the group's grid where they answer the same
 * (computed at the first evaluation, piece by piece, a cancel noticed between pieces), instant
 * queries otherwise.
 */
function promqlQuery(storage: Storage, subqueryStepMs: number, written: ReadonlySet<string>, grid: { startMs: number; endMs: number; intervalMs: number }, signal: AbortSignal): QueryFunc {
  const engine = createPromqlEngine(storage, { regex: re2Port, lookbackDeltaMs: LOOKBACK_MS, subqueryStepMs });
  const ahead = new Map<string, Promise<Map<number, Vector> | null>>();
  const answerAhead = async (expr: string): Promise<Map<number, Vector> | null> => {
    const byTime = new Map<number, Vector>();
    let held = 0;
    // In pieces of at most 11,000 steps, the engine's limit per range query (as Prometheus' API).
    for (let from = grid.startMs; from <= grid.endMs; from += MAX_STEPS_PER_QUERY * grid.intervalMs) {
      await yieldToLoop();
      signal.throwIfAborted();
      const r = engine.rangeQuery(expr, from, Math.min(grid.endMs, from + (MAX_STEPS_PER_QUERY - 1) * grid.intervalMs), grid.intervalMs);
      // An error is left to the instant queries, which say at which evaluation it happens.
      if (!r.ok || r.value.resultType !== 'matrix') return null;
      held += r.value.result.reduce((n, x) => n + x.values.length, 0);
      // Held answers cost memory: past AHEAD_SAMPLES, ask step by step instead (same answers).
      if (held > AHEAD_SAMPLES) return null;
      for (const s of r.value.result) {
        for (const { t, value } of s.values) {
          let vec = byTime.get(t);
          if (!vec) byTime.set(t, (vec = []));
          vec.push({ labels: s.metric, value });
        }
      }
    }
    return byTime;
  };
  return (expr, tMs) => {
    let pending = ahead.get(expr);
    if (!pending) {
      pending = answerableAhead(expr, written) ? answerAhead(expr) : Promise.resolve(null);
      ahead.set(expr, pending);
    }
    return pending.then((byTime) => (byTime ? byTime.get(tMs) ?? [] : toVector(engine.instantQuery(expr, tMs))));
  };
}

/** Counts evaluations, lets the event loop breathe (and notice a cancel) every few hundred. */
function pacedQuery(query: QueryFunc, signal: AbortSignal, onCall: () => void): QueryFunc {
  let calls = 0;
  return (expr, tMs) => {
    onCall();
    if (++calls % 256 !== 0) return query(expr, tMs);
    // The cancel itself is noticed by the group's append (a query's error is the rule's error).
    return yieldToLoop().then(() => (signal.aborted ? [] : query(expr, tMs)));
  };
}

function groupEvent(spec: RuleGroupSpec, intervalMs: number, r: BacktestResult): BacktestGroup {
  const seen = new Set<string>();
  const errors: BacktestGroup['errors'] = [];
  for (const e of r.errors) {
    const key = `${e.rule}\u0000${e.error}`;
    if (seen.has(key) || errors.length >= MAX_ERRORS) continue;
    seen.add(key);
    errors.push({ rule: e.rule, message: e.error, tMs: e.tMs });
  }
  // A chart needs no more: a series thinned to at most MAX_POINTS points, at most MAX_SERIES series a group.
  const series = r.series.slice(0, MAX_SERIES).map((x) => {
    if (x.points.length <= MAX_POINTS) return x;
    const every = Math.ceil(x.points.length / MAX_POINTS);
    return { ...x, points: x.points.filter((_, i) => i % every === 0) };
  });
  return { group: spec.name, intervalMs, alerts: r.alerts, series, errors };
}

/** A Prometheus connection's instant queries as a rule query function, and how to let it go. */
export type RemotePromql = (connectionId: string) => Promise<{ query: QueryFunc; close(): Promise<void> }>;

export async function* runBacktest(input: BacktestRequest, streams: readonly LocalStream[], signal: AbortSignal, remote?: RemotePromql): AsyncGenerator<BacktestEvent> {
  const prometheusId = input.prometheus ?? null;
  if (prometheusId !== null && !remote) {
    yield { kind: 'invalid', errors: [{ message: 'Prometheus connections are not available here', line: 1, column: 1, endLine: 1, endColumn: 1 }] };
    return;
  }
  const prom = prometheusId !== null ? await remote!(prometheusId) : null;
  try {
    yield* backtestWith(input, streams, signal, prom?.query ?? null);
  } finally {
    await prom?.close();
  }
}

async function* backtestWith(input: BacktestRequest, streams: readonly LocalStream[], signal: AbortSignal, remoteQuery: QueryFunc | null): AsyncGenerator<BacktestEvent> {
  const started = Date.now();
  const check = checkRules(input.rules, input.intervalMs ? { defaultIntervalMs: input.intervalMs } : {});
  const loaded = parseRuleFile(input.rules);
  if (check.errors.length > 0 || !loaded.ok) {
    yield { kind: 'invalid', errors: check.errors.length > 0 ? check.errors : [{ message: 'the rule file does not load', line: 1, column: 1, endLine: 1, endColumn: 1 }] };
    return;
  }
  const groups = loaded.groups.map((spec, i) => ({ spec, language: check.groups[i]?.language ?? 'promql', intervalMs: input.intervalMs ?? spec.intervalMs ?? DEFAULT_INTERVAL_MS }));
  checkBudget(groups.map((g) => ({ name: g.spec.name, rules: g.spec.rules.length, intervalMs: g.intervalMs })), input.start, input.end);
  const queue = new EventQueue<BacktestEvent>();
  const progress = (phase: string) => {
    let last = -1;
    return (done: number, total: number) => {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (pct !== last || done === total) queue.push({ kind: 'progress', done, total, phase });
      last = pct;
    };
  };

  const storage = createStorage();
  const promqlGroups = groups.filter((g) => g.language === 'promql');
  if (remoteQuery === null && promqlGroups.length > 0 && input.pipeline !== null && input.pipeline.trim() !== '') {
    const reach = Math.max(...promqlGroups.flatMap((g) => g.spec.rules.map((r) => reachMs(r.expr))));
    const work = loadPipelineMetrics(input.pipeline, streams, input.streamIds, { fromMs: input.start - reach, toMs: input.end }, storage, signal, progress('pipeline'));
    const metrics = yield* queue.drain(work);
    if ('errors' in metrics) {
      yield { kind: 'invalid', errors: metrics.errors.map((e) => ({ message: `pipeline: ${e.message}`, line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1 })) };
      return;
    }
  }

  // What rules write into the store while the back-test runs: expressions reading it are asked step by step.
  const written = new Set(['ALERTS', 'ALERTS_FOR_STATE', ...groups.flatMap((g) => g.spec.rules.flatMap((r) => (r.kind === 'recording' ? [r.record] : [])))]);
  let evaluations = 0;
  for (const g of evaluationOrder(groups)) {
    signal.throwIfAborted();
    const steps = Math.floor((input.end - input.start) / g.intervalMs) + 1;
    const total = steps * g.spec.rules.length;
    const report = progress(`group ${g.spec.name}`);
    let query: QueryFunc;
    if (g.language === 'logql') {
      const chosen = new Set(input.streamIds);
      const work = prepareLogqlQuery(g.spec.rules.map((r) => r.expr), streams.filter((s) => chosen.has(s.id)), { startMs: input.start, endMs: input.end, intervalMs: g.intervalMs }, signal, progress(`logql ${g.spec.name}`));
      query = (yield* queue.drain(work)).query;
    } else if (remoteQuery !== null) {
      // Asked of the connected Prometheus at each evaluation, as its own rule manager would.
      query = remoteQuery;
    } else {
      query = promqlQuery(storage, input.intervalMs ?? DEFAULT_INTERVAL_MS, written, { startMs: input.start, endMs: input.end, intervalMs: g.intervalMs }, signal);
    }
    let calls = 0;
    const paced = pacedQuery(query, signal, () => {
      calls++;
      if (calls % 1000 === 0 || calls === total) report(calls, total);
    });
    // Loki's ruler sends recording rules' output elsewhere (remote write): later LogQL rules do not read it.
    // A cancel is noticed here: an error thrown by a query would only become the rule's error.
    const append = (samples: OutputSample[]) => {
      signal.throwIfAborted();
      if (g.language !== 'promql') return;
      for (const s of samples) s.stale ? storage.appendStale(labelsFromRecord(s.labels), s.tMs) : storage.append(labelsFromRecord(s.labels), s.tMs, s.value);
    };
    const result = yield* queue.drain(backtestGroup(g.spec, { query: paced, append, startMs: input.start, endMs: input.end, intervalMs: g.intervalMs, regex: templateRegexPort }));
    evaluations += calls;
    const event = groupEvent(g.spec, g.intervalMs, result);
    if (g.language === 'promql' && remoteQuery === null) {
      const engine = createPromqlEngine(storage, { regex: re2Port, lookbackDeltaMs: LOOKBACK_MS, subqueryStepMs: input.intervalMs ?? DEFAULT_INTERVAL_MS });
      const rules = g.spec.rules.map((r) => ({ name: r.kind === 'alerting' ? r.alert : r.record, expr: r.expr }));
      event.operands = operandSeries(engine, rules, { startMs: input.start, endMs: input.end, intervalMs: g.intervalMs }, { maxSteps: MAX_STEPS_PER_QUERY, maxSeries: 100, maxPoints: MAX_POINTS });
    }
    yield { kind: 'group', result: event };
  }
  yield { kind: 'done', elapsedMs: Date.now() - started, evaluations };
}

// The back-test primitive: run a group at every interval over [start, end], as a Prometheus
// server would have, and report when each alert was pending / firing (intervals of evaluation
// times) beside each rule's expression series. The store the rules write to is the caller's.

import { RuleGroup, type GroupEnv, type RuleError } from './group';
import { labelsKey } from './labels';
import type { Labels, RuleGroupSpec, Vector } from './types';

export interface StateInterval {
  state: 'pending' | 'firing';
  fromMs: number;
  /** The last evaluation time in this state. */
  toMs: number;
}

export interface AlertHistory {
  rule: string;
  labels: Labels;
  intervals: StateInterval[];
  /** Evaluation times at which the alert became resolved. */
  resolvedAtMs: number[];
}

export interface ExprSeries {
  rule: string;
  labels: Labels;
  points: [tMs: number, value: number][];
}

export interface BacktestResult {
  alerts: AlertHistory[];
  series: ExprSeries[];
  errors: (RuleError & { tMs: number })[];
}

export interface BacktestOptions extends GroupEnv {
  startMs: number;
  endMs: number;
  /** Defaults to the group's own interval, else 1m (Prometheus' global default). */
  intervalMs?: number;
}

export async function backtestGroup(spec: RuleGroupSpec, opts: BacktestOptions): Promise<BacktestResult> {
  const group = new RuleGroup(spec);
  const intervalMs = opts.intervalMs ?? spec.intervalMs ?? 60_000;
  if (!(intervalMs > 0)) throw new Error('the evaluation interval must be positive');
  const exprRules = new Map<string, string[]>();
  for (const r of spec.rules) exprRules.set(r.expr, [...(exprRules.get(r.expr) ?? []), r.kind === 'alerting' ? r.alert : r.record]);
  const series = new Map<string, ExprSeries>();
  const capture = (expr: string, tMs: number, v: Vector) => {
    for (const rule of exprRules.get(expr) ?? []) {
      for (const s of v) {
        const key = `${rule}\u0002${labelsKey(s.labels)}`;
        let entry = series.get(key);
        if (!entry) series.set(key, (entry = { rule, labels: s.labels, points: [] }));
        if (entry.points.at(-1)?.[0] !== tMs) entry.points.push([tMs, s.value]);
      }
    }
  };
  const env: GroupEnv = {
    ...opts,
    query: (expr, tMs) => {
      const r = opts.query(expr, tMs);
      if (r instanceof Promise) return r.then((v) => (capture(expr, tMs, v), v));
      capture(expr, tMs, r);
      return r;
    },
  };
  const histories = new Map<string, AlertHistory>();
  const errors: BacktestResult['errors'] = [];
  for (let t = opts.startMs; t <= opts.endMs; t += intervalMs) {
    await group.eval(t, env);
    for (const e of group.errors()) errors.push({ ...e, tMs: t });
    for (const rule of group.alertingRules()) {
      for (const a of rule.allAlerts()) {
        const key = `${rule.name}\u0002${labelsKey(a.labels)}`;
        let h = histories.get(key);
        if (!h) histories.set(key, (h = { rule: rule.name, labels: a.labels, intervals: [], resolvedAtMs: [] }));
        const st = a.status;
        if (st.state === 'inactive') {
          if (st.resolvedAtMs === t) h.resolvedAtMs.push(t);
          continue;
        }
        const last = h.intervals.at(-1);
        if (last && last.state === st.state && last.toMs === t - intervalMs) last.toMs = t;
        else h.intervals.push({ state: st.state, fromMs: t, toMs: t });
      }
    }
  }
  return { alerts: [...histories.values()], series: [...series.values()], errors };
}

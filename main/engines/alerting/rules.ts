// Evaluating one rule at one time (rules/alerting.go and rules/recording.go Eval): query the
// expression, shape the result (record name and labels, or alert labels and annotations
// expanded from templates), refuse duplicate label sets, enforce the group limit, and return
// the samples the rule writes back (the recorded series, or ALERTS / ALERTS_FOR_STATE).

import { activeAlerts, stepAlerts, type Alert, type AlertCandidate } from './alert-state';
import { labelsKey } from './labels';
import { expandOrError, type AlertRegexPort } from './templates';
import { ALERT_NAME, METRIC_NAME, type AlertingRuleSpec, type Labels, type OutputSample, type QueryFunc, type RecordingRuleSpec, type Vector } from './types';

export interface RuleEnv {
  query: QueryFunc;
  externalLabels: Labels;
  externalUrl: string;
  regex?: AlertRegexPort;
  /** The group's limit (0: none). */
  limit: number;
}

/** labels.Builder.Set: an empty value deletes the label. */
function setLabel(into: Record<string, string>, name: string, value: string): void {
  if (value === '') delete into[name];
  else into[name] = value;
}

export async function evalRecordingRule(rule: RecordingRuleSpec, tMs: number, env: RuleEnv): Promise<OutputSample[]> {
  const vector = await env.query(rule.expr, tMs);
  const out: OutputSample[] = [];
  const seen = new Set<string>();
  for (const s of vector) {
    const labels: Record<string, string> = { ...s.labels };
    setLabel(labels, METRIC_NAME, rule.record);
    for (const [k, v] of Object.entries(rule.labels)) setLabel(labels, k, v);
    const key = labelsKey(labels);
    if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
    seen.add(key);
    out.push({ labels, tMs, value: s.value });
  }
  if (env.limit > 0 && out.length > env.limit) throw new Error(`exceeded limit of ${env.limit} with ${out.length} series`);
  return out;
}

/** An alerting rule with its kept alerts: the state between evaluations. */
export class AlertingRule {
  private alerts = new Map<string, Alert>();

  constructor(readonly spec: AlertingRuleSpec) {}

  get name(): string {
    return this.spec.alert;
  }

  /** Kept alerts, including resolved ones still retained. */
  allAlerts(): Alert[] {
    return [...this.alerts.values()];
  }

  activeAlerts(): Alert[] {
    return activeAlerts(this.alerts);
  }

  async eval(tMs: number, env: RuleEnv): Promise<OutputSample[]> {
    const vector = await env.query(this.spec.expr, tMs);
    const candidates = this.candidates(vector, tMs, env);
    const { alerts, activeCount } = stepAlerts(this.alerts, candidates, tMs, { forMs: this.spec.forMs, keepFiringForMs: this.spec.keepFiringForMs });
    if (env.limit > 0 && activeCount > env.limit) {
      this.alerts = new Map();
      throw new Error(`exceeded limit of ${env.limit} with ${activeCount} alerts`);
    }
    this.alerts = alerts;
    const out: OutputSample[] = [];
    for (const a of alerts.values()) {
      if (a.status.state === 'inactive') continue;
      out.push({ labels: { ...a.labels, [METRIC_NAME]: 'ALERTS', alertstate: a.status.state }, tMs, value: 1 });
      out.push({ labels: { ...a.labels, [METRIC_NAME]: 'ALERTS_FOR_STATE' }, tMs, value: Math.floor(a.status.activeAtMs / 1000) });
    }
    return out;
  }

  private candidates(vector: Vector, tMs: number, env: RuleEnv): Map<string, AlertCandidate> {
    const out = new Map<string, AlertCandidate>();
    const templateEnv = { externalUrl: env.externalUrl, query: syncQuery(env.query, tMs) };
    for (const s of vector) {
      // $labels is the sample's whole label set (Metric.Map(), __name__ included).
      const expand = (text: string) =>
        expandOrError({ name: `__alert_${this.name}`, text, labels: s.labels, externalLabels: env.externalLabels, externalUrl: env.externalUrl, value: s.value, env: templateEnv, ...(env.regex ? { regex: env.regex } : {}) });
      const labels: Record<string, string> = { ...s.labels };
      delete labels[METRIC_NAME];
      for (const k of Object.keys(this.spec.labels).sort()) setLabel(labels, k, expand(this.spec.labels[k]!));
      labels[ALERT_NAME] = this.name;
      const annotations: Record<string, string> = {};
      for (const k of Object.keys(this.spec.annotations).sort()) annotations[k] = expand(this.spec.annotations[k]!);
      const key = labelsKey(labels);
      if (out.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      out.set(key, { labels, annotations, value: s.value });
    }
    return out;
  }
}

/** Templates run synchronously: `query` works when the engine answers synchronously. */
function syncQuery(query: QueryFunc, tMs: number): (expr: string) => Vector {
  return (expr) => {
    const r = query(expr, tMs);
    if (r instanceof Promise) throw new Error('query in a template needs a synchronous query engine');
    return r;
  };
}

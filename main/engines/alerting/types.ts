// The vocabulary of rule evaluation, shaped after Prometheus rules/: a rule asks an injected
// QueryFunc (expr, t) for an instant vector, so the same rules run over Vigie's PromQL engine,
// its LogQL engine (Loki ruler groups) or a fake in tests.

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels: Labels;
  value: number;
}

export type Vector = Sample[];

/**
 * Prometheus' rules.QueryFunc: an instant query at tMs. A scalar result is returned as one
 * sample with no labels (as EngineQueryFunc does); any other result type is an error, thrown.
 */
export type QueryFunc = (expr: string, tMs: number) => Promise<Vector> | Vector;

/** A sample a rule evaluation writes back to the store (recording rules, ALERTS). */
export interface OutputSample {
  labels: Labels;
  tMs: number;
  value: number;
  /** A staleness marker (Prometheus' StaleNaN): the series ended at tMs. */
  stale?: boolean;
}

export interface RecordingRuleSpec {
  kind: 'recording';
  record: string;
  expr: string;
  labels: Labels;
}

export interface AlertingRuleSpec {
  kind: 'alerting';
  alert: string;
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Labels;
  annotations: Labels;
}

export type RuleSpec = RecordingRuleSpec | AlertingRuleSpec;

export interface RuleGroupSpec {
  name: string;
  /** undefined: the evaluation interval of whoever runs the group (global or promtool's). */
  intervalMs?: number;
  limit: number;
  rules: RuleSpec[];
}

export const ALERT_NAME = 'alertname';
export const METRIC_NAME = '__name__';
/** How long a resolved alert is kept (and reported) after it stopped firing (alerting.go). */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

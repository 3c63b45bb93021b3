/**
 * One rule group run live: Prometheus' rules.Group on the rule engine's RuleGroup, plus what a
 * running server adds — restoring `for` state on the second evaluation after a start (as
 * Group.run does), the transitions to announce, and the alerts to send to Alertmanager.
 */
import type { Alert, AlertStatus } from '../alerting/alert-state';
import { RuleGroup, type GroupEnv } from '../alerting/group';
import { labelsKey } from '../alerting/labels';
import type { RuleGroupSpec } from '../alerting/types';
import { alertsToSend, DEFAULT_RESEND_DELAY_MS, type PostableAlert, type SendState } from './am-alerts';
import type { AlertEvent } from './notification-policy';
import { DEFAULT_RESTORE, restoredActiveAt, type RestoreOptions } from './restore';
import { transitions, type AnnouncedState } from './transitions';

/** The persisted form of a group's alerts (what ALERTS_FOR_STATE would have kept, and more). */
export interface SavedGroup {
  lastEvalMs: number | null;
  alerts: { rule: string; labels: Record<string, string>; annotations: Record<string, string>; value: number; status: AlertStatus }[];
}

export interface LiveGroupOptions {
  file: string;
  intervalMs: number;
  externalLabels: Record<string, string>;
  externalUrl: string;
  resendDelayMs?: number;
  restore?: RestoreOptions;
}

export interface EvalOutcome {
  events: AlertEvent[];
  toSend: PostableAlert[];
  errors: { rule: string; error: string }[];
}

export class LiveGroup {
  readonly group: RuleGroup;
  private evaluations = 0;
  private lastEvalMs: number | null = null;
  private readonly sendState: SendState = new Map();

  constructor(
    readonly spec: RuleGroupSpec,
    private readonly opts: LiveGroupOptions,
    private readonly announced: AnnouncedState,
    private readonly saved: SavedGroup | null,
  ) {
    this.group = new RuleGroup(spec, opts.file);
    this.lastEvalMs = saved?.lastEvalMs ?? null;
  }

  get name(): string {
    return this.spec.name;
  }

  get key(): string {
    return `${this.opts.file}\u0000${this.spec.name}`;
  }

  async eval(tMs: number, env: GroupEnv): Promise<EvalOutcome> {
    await this.group.eval(tMs, { ...env, externalLabels: this.opts.externalLabels, externalUrl: this.opts.externalUrl });
    this.evaluations++;
    // Group.run restores after the second evaluation, once recording rules have caught up.
    if (this.evaluations === 2 && this.saved) this.restore(tMs);
    const events: AlertEvent[] = [];
    const rules = this.group.alertingRules();
    const restoring = this.saved !== null && this.evaluations < 2;
    for (const r of rules) events.push(...transitions(this.spec.name, r.name, r.allAlerts(), tMs, this.announced, !restoring));
    const toSend = alertsToSend(
      rules.map((r) => ({ rule: r.name, expr: r.spec.expr, alerts: r.allAlerts() })),
      tMs,
      this.sendState,
      { resendDelayMs: this.opts.resendDelayMs ?? DEFAULT_RESEND_DELAY_MS, intervalMs: this.opts.intervalMs, externalLabels: this.opts.externalLabels, externalUrl: this.opts.externalUrl },
    );
    this.lastEvalMs = tMs;
    return { events, toSend, errors: this.group.errors().map((e) => ({ rule: e.rule, error: e.error })) };
  }

  private restore(nowMs: number): void {
    const saved = this.saved!;
    if (saved.lastEvalMs === null) return;
    for (const r of this.group.alertingRules()) {
      const before = new Map(saved.alerts.filter((a) => a.rule === r.name && a.status.state !== 'inactive').map((a) => [labelsKey(a.labels), a]));
      for (const a of r.allAlerts()) {
        const s = before.get(labelsKey(a.labels));
        if (!s || a.status.state !== 'pending') continue;
        const at = restoredActiveAt({ activeAtMs: s.status.activeAtMs }, saved.lastEvalMs, nowMs, r.spec.forMs, this.opts.restore ?? DEFAULT_RESTORE);
        // The rule's kept alert is updated in place, as Prometheus sets a.ActiveAt.
        if (at !== null) (a as Alert).status = { state: 'pending', activeAtMs: at };
      }
    }
  }

  save(): SavedGroup {
    return {
      lastEvalMs: this.lastEvalMs,
      alerts: this.group.alertingRules().flatMap((r) => r.allAlerts().map((a) => ({ rule: r.name, labels: { ...a.labels }, annotations: { ...a.annotations }, value: a.value, status: { ...a.status } }))),
    };
  }
}

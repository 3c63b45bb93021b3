// A rule group evaluated as Prometheus' rules.Group.Eval does: rules in file order, each
// rule's output appended before the next rule runs (so later rules see earlier records),
// series a rule stopped returning marked stale, and a failing rule recorded (LastError) without
// stopping the others.

import { labelsKey } from './labels';
import { AlertingRule, evalRecordingRule, type RuleEnv } from './rules';
import type { AlertRegexPort } from './templates';
import type { Labels, OutputSample, QueryFunc, RecordingRuleSpec, RuleGroupSpec } from './types';

export interface GroupEnv {
  query: QueryFunc;
  /** Where rule output goes (the store later queries read); called once per rule. */
  append(samples: OutputSample[]): void | Promise<void>;
  externalLabels?: Labels;
  externalUrl?: string;
  regex?: AlertRegexPort;
}

export type GroupRule = { kind: 'recording'; spec: RecordingRuleSpec; name: string } | { kind: 'alerting'; rule: AlertingRule; name: string };

export interface RuleError {
  rule: string;
  index: number;
  error: string;
}

export class RuleGroup {
  readonly rules: GroupRule[];
  private previous: Map<string, Labels>[];
  private lastErrors: (string | undefined)[];

  constructor(readonly spec: RuleGroupSpec, readonly file = '') {
    this.rules = spec.rules.map((r) => (r.kind === 'alerting' ? { kind: 'alerting', rule: new AlertingRule(r), name: r.alert } : { kind: 'recording', spec: r, name: r.record }));
    this.previous = spec.rules.map(() => new Map());
    this.lastErrors = spec.rules.map(() => undefined);
  }

  get name(): string {
    return this.spec.name;
  }

  alertingRules(): AlertingRule[] {
    return this.rules.flatMap((r) => (r.kind === 'alerting' ? [r.rule] : []));
  }

  /** The rules whose last evaluation failed, with Go's error text. */
  errors(): RuleError[] {
    return this.lastErrors.flatMap((error, index) => (error === undefined ? [] : [{ rule: this.rules[index]!.name, index, error }]));
  }

  async eval(tMs: number, env: GroupEnv): Promise<void> {
    const ruleEnv: RuleEnv = { query: env.query, externalLabels: env.externalLabels ?? {}, externalUrl: env.externalUrl ?? '', limit: this.spec.limit, ...(env.regex ? { regex: env.regex } : {}) };
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      let samples: OutputSample[];
      try {
        samples = r.kind === 'alerting' ? await r.rule.eval(tMs, ruleEnv) : await evalRecordingRule(r.spec, tMs, ruleEnv);
      } catch (e) {
        this.lastErrors[i] = e instanceof Error ? e.message : String(e);
        continue;
      }
      this.lastErrors[i] = undefined;
      const returned = new Map<string, Labels>();
      const written: OutputSample[] = [];
      for (const s of samples) {
        const key = labelsKey(s.labels);
        // The appender refuses a second sample for a series at the same time (duplicate).
        if (returned.has(key)) continue;
        returned.set(key, s.labels);
        written.push(s);
      }
      for (const [key, labels] of this.previous[i]!) {
        if (!returned.has(key)) written.push({ labels, tMs, value: NaN, stale: true });
      }
      await env.append(written);
      this.previous[i] = returned;
    }
  }
}

/**
 * What Prometheus sends to Alertmanager after each evaluation of an alerting rule
 * (rules/alerting.go sendAlerts + rules/manager.go SendAlerts + notifier relabelAlerts):
 * every kept alert that is not pending and needs sending — resolved since it was last sent, or
 * last sent more than resendDelay ago — goes out with StartsAt = FiredAt, EndsAt = ResolvedAt
 * once resolved, else ValidUntil = ts + 4 × max(interval, resendDelay); GeneratorURL is the
 * external URL + /graph?g0.expr=…&g0.tab=1; external labels are added where the alert lacks them.
 * Resolved alerts are kept (and re-sent) for 15 minutes, as the rule keeps them.
 */
import type { Alert } from '../alerting/alert-state';
import { labelsKey } from '../alerting/labels';

export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** Per alert (rule + label key): when it was last sent. */
export type SendState = Map<string, number>;

export const DEFAULT_RESEND_DELAY_MS = 60_000;

/** Go's url.QueryEscape: space as '+', unreserved kept, everything else %XX of UTF-8. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function generatorUrl(externalUrl: string, expr: string): string {
  return `${externalUrl}/graph?g0.expr=${queryEscape(expr)}&g0.tab=1`;
}

/** Go's time.Time JSON form as strfmt.DateTime writes it: RFC 3339 with milliseconds, UTC. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

export interface RuleAlerts {
  rule: string;
  expr: string;
  alerts: readonly Alert[];
}

export function alertsToSend(
  rules: readonly RuleAlerts[],
  tMs: number,
  state: SendState,
  opts: { resendDelayMs: number; intervalMs: number; externalLabels: Readonly<Record<string, string>>; externalUrl: string },
): PostableAlert[] {
  const out: PostableAlert[] = [];
  const kept = new Set<string>();
  for (const r of rules) {
    for (const a of r.alerts) {
      const key = `${r.rule}\u0002${labelsKey(a.labels)}`;
      kept.add(key);
      const st = a.status;
      if (st.state === 'pending') continue;
      const lastSent = state.get(key);
      const resolvedSince = st.state === 'inactive' && (lastSent === undefined || st.resolvedAtMs > lastSent);
      if (!resolvedSince && !(lastSent === undefined || lastSent + opts.resendDelayMs < tMs)) continue;
      // A resolved alert that never fired (firedAt unset) goes out with Go's zero StartsAt.
      const firedAt = st.state === 'firing' ? st.firedAtMs : st.firedAtMs;
      if (st.state === 'inactive' && firedAt === undefined) continue;
      state.set(key, tMs);
      const validUntil = tMs + 4 * Math.max(opts.intervalMs, opts.resendDelayMs);
      const labels: Record<string, string> = { ...a.labels };
      for (const [k, v] of Object.entries(opts.externalLabels)) if (!labels[k]) labels[k] = v;
      out.push({
        labels,
        annotations: { ...a.annotations },
        startsAt: isoTime(firedAt!),
        endsAt: isoTime(st.state === 'inactive' ? st.resolvedAtMs : validUntil),
        generatorURL: generatorUrl(opts.externalUrl, r.expr),
      });
    }
  }
  // Alerts the rule no longer keeps are forgotten.
  for (const key of [...state.keys()]) if (!kept.has(key)) state.delete(key);
  return out;
}

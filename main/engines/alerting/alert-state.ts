// The alert state machine of Prometheus rules/alerting.go (AlertingRule.Eval), as one pure
// step: given the alerts kept from the previous evaluation and the label sets the expression
// returned now, the alerts after this evaluation. States are an explicit union; a resolved
// alert stays (inactive, with resolvedAt) for RESOLVED_RETENTION_MS so it can be reported.

import { RESOLVED_RETENTION_MS, type Labels } from './types';

export type AlertStatus =
  | { state: 'pending'; activeAtMs: number }
  | { state: 'firing'; activeAtMs: number; firedAtMs: number; keepFiringSinceMs?: number }
  | { state: 'inactive'; activeAtMs: number; firedAtMs?: number; resolvedAtMs: number };

export interface Alert {
  labels: Labels;
  annotations: Labels;
  value: number;
  status: AlertStatus;
}

/** What the expression produced for one alert identity at this evaluation. */
export interface AlertCandidate {
  labels: Labels;
  annotations: Labels;
  value: number;
}

export interface StepOptions {
  forMs: number;
  keepFiringForMs: number;
}

/**
 * One evaluation at tMs. `previous` and the result are keyed by the alert's label-set key.
 * Returns the alerts kept (pending, firing, or recently resolved) and how many count as active
 * (for the group's `limit`).
 */
export function stepAlerts(previous: ReadonlyMap<string, Alert>, candidates: ReadonlyMap<string, AlertCandidate>, tMs: number, opts: StepOptions): { alerts: Map<string, Alert>; activeCount: number } {
  const alerts = new Map<string, Alert>();
  for (const [key, a] of previous) alerts.set(key, a);
  for (const [key, c] of candidates) {
    const existing = alerts.get(key);
    // A kept, resolved alert that comes back starts over as a new pending alert.
    if (existing && existing.status.state !== 'inactive') {
      alerts.set(key, { ...existing, value: c.value, annotations: c.annotations });
    } else {
      alerts.set(key, { labels: c.labels, annotations: c.annotations, value: c.value, status: { state: 'pending', activeAtMs: tMs } });
    }
  }
  let activeCount = 0;
  for (const [key, a] of [...alerts]) {
    let status = a.status;
    if (!candidates.has(key)) {
      let keepFiring = false;
      if (status.state === 'firing' && opts.keepFiringForMs > 0) {
        const since = status.keepFiringSinceMs ?? tMs;
        status = { ...status, keepFiringSinceMs: since };
        keepFiring = tMs - since < opts.keepFiringForMs;
      }
      if (status.state === 'pending' || (status.state === 'inactive' && tMs - status.resolvedAtMs > RESOLVED_RETENTION_MS)) {
        alerts.delete(key);
        continue;
      }
      if (!keepFiring) {
        if (status.state !== 'inactive') {
          const firedAtMs = status.state === 'firing' ? status.firedAtMs : undefined;
          alerts.set(key, { ...a, status: { state: 'inactive', activeAtMs: status.activeAtMs, ...(firedAtMs !== undefined ? { firedAtMs } : {}), resolvedAtMs: tMs } });
        }
        continue;
      }
    } else if (status.state === 'firing' && status.keepFiringSinceMs !== undefined) {
      const { keepFiringSinceMs: _reset, ...rest } = status;
      status = rest;
    }
    activeCount++;
    if (status.state === 'pending' && tMs - status.activeAtMs >= opts.forMs) {
      status = { state: 'firing', activeAtMs: status.activeAtMs, firedAtMs: tMs };
    }
    alerts.set(key, { ...a, status });
  }
  return { alerts, activeCount };
}

/** ActiveAlerts(): every kept alert that is not inactive. */
export function activeAlerts(alerts: ReadonlyMap<string, Alert>): Alert[] {
  return [...alerts.values()].filter((a) => a.status.state !== 'inactive');
}

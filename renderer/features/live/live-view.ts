/**
 * Pure helpers of the Live panel and settings: the silence an alert's row proposes (its labels
 * as equality matchers), quiet hours read from and written to "HH:MM", how long ago, and which
 * notifications are new since the last one shown.
 */
import type { LiveAlert, LiveNotification } from '../../../shared/contract/live';

export const SILENCE_DURATIONS: readonly { label: string; ms: number }[] = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
  { label: '1 week', ms: 7 * 86_400_000 },
];

/** Every label of the alert, as Alertmanager's "silence this alert" proposes. */
export function silenceMatchersFor(alert: Pick<LiveAlert, 'labels'>): { name: string; value: string; isRegex: boolean; isEqual: boolean }[] {
  return Object.keys(alert.labels)
    .sort()
    .map((name) => ({ name, value: alert.labels[name]!, isRegex: false, isEqual: true }));
}

/** "HH:MM" → minutes after midnight, or null when it is not a time of day. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "3m 20s ago", "2h 5m ago": how long an alert has been in its state. */
export function since(ms: number, now: number): string {
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m ago`;
  return `${Math.floor(h / 24)}d ${h % 24}h ago`;
}

/** The time an alert entered its current state. */
export function stateSince(a: Pick<LiveAlert, 'state' | 'activeAtMs' | 'firedAtMs' | 'resolvedAtMs'>): number {
  if (a.state === 'inactive') return a.resolvedAtMs ?? a.activeAtMs;
  if (a.state === 'firing') return a.firedAtMs ?? a.activeAtMs;
  return a.activeAtMs;
}

/** Alerts ordered as a user scans them: firing, then pending, then resolved; newest first within. */
export function sortAlerts(alerts: readonly LiveAlert[]): LiveAlert[] {
  const rank = { firing: 0, pending: 1, inactive: 2 } as const;
  return [...alerts].sort((a, b) => rank[a.state] - rank[b.state] || stateSince(b) - stateSince(a));
}

/** A notification not shown yet (ids are n1, n2, … in decision order). */
export function isNewer(n: Pick<LiveNotification, 'id'>, lastShown: string | null): boolean {
  if (lastShown === null) return true;
  const num = (id: string) => Number(id.replace(/^\D+/, ''));
  return num(n.id) > num(lastShown);
}

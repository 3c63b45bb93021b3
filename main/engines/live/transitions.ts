/**
 * Alert transitions the user is told about, from successive evaluations of a rule: "firing"
 * when an alert starts firing, "resolved" when an alert that was announced firing stops (resolved
 * by the rule, or gone: e.g. it was firing before a restart and never came back). What was
 * announced is kept per alert and persisted, so a restart neither repeats a firing nor forgets
 * to resolve it; a pending alert after a restart does not undo an announced firing.
 */
import type { Alert } from '../alerting/alert-state';
import { labelsKey } from '../alerting/labels';
import type { AlertEvent } from './notification-policy';

export interface Announced {
  rule: string;
  group: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAtMs: number;
  firedAtMs: number;
}

/** Alerts announced firing, by `${rule}\u0002${labelsKey}`. */
export type AnnouncedState = Map<string, Announced>;

export const alertId = (rule: string, labels: Readonly<Record<string, string>>): string => `${rule}\u0002${labelsKey(labels)}`;

/**
 * `resolveMissing`: whether an announced alert the rule no longer keeps counts as resolved. Not
 * while a restart's restore is under way: the first evaluations may run before the data is back.
 */
export function transitions(group: string, rule: string, alerts: readonly Alert[], tMs: number, announced: AnnouncedState, resolveMissing = true): AlertEvent[] {
  const events: AlertEvent[] = [];
  const present = new Set<string>();
  for (const a of alerts) {
    const id = alertId(rule, a.labels);
    present.add(id);
    const st = a.status;
    const before = announced.get(id);
    if (st.state === 'firing' && !before) {
      announced.set(id, { rule, group, labels: { ...a.labels }, annotations: { ...a.annotations }, activeAtMs: st.activeAtMs, firedAtMs: st.firedAtMs });
      events.push({ transition: 'firing', rule, group, alertKey: id, labels: { ...a.labels }, annotations: { ...a.annotations }, activeAtMs: st.activeAtMs, atMs: tMs, value: a.value });
    } else if (st.state === 'firing' && before) {
      before.annotations = { ...a.annotations };
    } else if (st.state === 'inactive' && before) {
      announced.delete(id);
      events.push({ transition: 'resolved', rule, group, alertKey: id, labels: before.labels, annotations: { ...a.annotations }, activeAtMs: before.activeAtMs, atMs: st.resolvedAtMs, value: a.value });
    }
  }
  if (!resolveMissing) return events;
  for (const [id, before] of [...announced]) {
    if (before.rule !== rule || before.group !== group || present.has(id)) continue;
    announced.delete(id);
    events.push({ transition: 'resolved', rule, group, alertKey: id, labels: before.labels, annotations: before.annotations, activeAtMs: before.activeAtMs, atMs: tMs, value: NaN });
  }
  return events;
}

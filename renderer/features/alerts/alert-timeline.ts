import type { BacktestGroup } from '../../../shared/contract/alerts';
import type { Labels } from '../../../shared/model/labels';

export type AlertState = 'pending' | 'firing';

/** A state interval on the page's axis: from its first evaluation to the next one after its last. */
export interface TimelineSegment {
  state: AlertState;
  fromMs: number;
  toMs: number;
  /** Position on the row, in percent of the range. */
  left: number;
  width: number;
}

export interface Transition {
  tMs: number;
  state: AlertState | 'resolved';
}

export interface AlertTimelineRow {
  key: string;
  rule: string;
  labels: Labels;
  labelText: string;
  segments: TimelineSegment[];
  resolved: { tMs: number; left: number }[];
  transitions: Transition[];
  /**
   * The state after the last evaluation: still firing (it never resolved), still pending,
   * resolved, or inactive (went pending, then cleared before firing: Prometheus drops it unresolved).
   */
  outcome: AlertState | 'resolved' | 'inactive';
}

/** Prometheus' way of writing a label set: `{a="x", b="y"}`, names sorted. */
export function labelText(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

/** The last evaluation time of a back-test over [start, end] every interval. */
export function lastEvaluation(range: { start: number; end: number }, intervalMs: number): number {
  return range.start + Math.floor((range.end - range.start) / intervalMs) * intervalMs;
}

const pct = (t: number, range: { start: number; end: number }): number => {
  const span = range.end - range.start;
  return span > 0 ? Math.min(100, Math.max(0, ((t - range.start) / span) * 100)) : 0;
};

/**
 * A state holds from the evaluation that entered it until the next evaluation after its last
 * one (where it changed), clipped to the range's end: that is how long it would have lasted.
 */
export function segmentEnd(toMs: number, intervalMs: number, range: { start: number; end: number }): number {
  return Math.min(toMs + intervalMs, Math.max(range.end, toMs));
}

/** One row per alert (rule × label set) of a group, in the order the back-test found them. */
export function timelineRows(group: BacktestGroup, range: { start: number; end: number }): AlertTimelineRow[] {
  const lastEval = lastEvaluation(range, group.intervalMs);
  return group.alerts.map((a) => {
    const segments = a.intervals.map((iv): TimelineSegment => {
      const to = segmentEnd(iv.toMs, group.intervalMs, range);
      const left = pct(iv.fromMs, range);
      return { state: iv.state, fromMs: iv.fromMs, toMs: to, left, width: Math.max(pct(to, range) - left, 0.3) };
    });
    const transitions: Transition[] = [...a.intervals.map((iv) => ({ tMs: iv.fromMs, state: iv.state })), ...a.resolvedAtMs.map((t) => ({ tMs: t, state: 'resolved' as const }))].sort(
      (x, y) => x.tMs - y.tMs,
    );
    const last = a.intervals.at(-1);
    const lastResolved = a.resolvedAtMs.at(-1) ?? -Infinity;
    let outcome: AlertTimelineRow['outcome'];
    if (last && last.toMs >= lastEval && last.fromMs > lastResolved) outcome = last.state;
    else if (last && lastResolved > last.toMs) outcome = 'resolved';
    else outcome = 'inactive';
    const text = labelText(a.labels);
    return {
      key: `${a.rule}\u0000${text}`,
      rule: a.rule,
      labels: a.labels,
      labelText: text,
      segments,
      resolved: a.resolvedAtMs.map((t) => ({ tMs: t, left: pct(t, range) })),
      transitions,
      outcome,
    };
  });
}

/** The alerting rules of a group with something to show: alerts or expression samples. */
export function alertRulesOf(group: BacktestGroup): string[] {
  const names: string[] = [];
  for (const x of [...group.alerts, ...group.series]) if (!names.includes(x.rule)) names.push(x.rule);
  return names;
}

/** A duration as Prometheus prints one (model.Duration): `1m`, `1h30m`, `500ms`, `0s`. */
export function promDuration(ms: number): string {
  if (ms === 0) return '0s';
  const units: [string, number][] = [['y', 365 * 86_400_000], ['w', 7 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = Math.round(ms);
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${u}`;
    rest -= n * size;
  }
  return out;
}

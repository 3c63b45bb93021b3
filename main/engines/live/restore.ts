/**
 * Prometheus' RestoreForState, on Vigie's snapshot instead of the ALERTS_FOR_STATE series: after
 * a restart, an alert the expression returns again gets back the activeAt it had, so its `for`
 * keeps counting (a firing alert fires again at the next evaluation instead of waiting `for`).
 * As upstream: nothing is restored after an outage longer than the tolerance (1h), rules whose
 * `for` is under the grace period (10m) are not restored, an alert that had `for` left to wait
 * waits at least the grace period, and the downtime does not count as pending time.
 */

export interface RestoreOptions {
  /** --rules.alert.for-outage-tolerance */
  outageToleranceMs: number;
  /** --rules.alert.for-grace-period */
  forGracePeriodMs: number;
}

export const DEFAULT_RESTORE: RestoreOptions = { outageToleranceMs: 3_600_000, forGracePeriodMs: 600_000 };

/**
 * The activeAt to give back to an alert at `nowMs`, or null to leave it as it is.
 * `downAtMs` is the last evaluation before the stop (the last ALERTS_FOR_STATE sample).
 */
export function restoredActiveAt(saved: { activeAtMs: number }, downAtMs: number, nowMs: number, holdMs: number, opts: RestoreOptions = DEFAULT_RESTORE): number | null {
  if (holdMs < opts.forGracePeriodMs) return null;
  if (downAtMs < nowMs - opts.outageToleranceMs) return null;
  // ALERTS_FOR_STATE holds activeAt in whole seconds.
  const activeAt = Math.floor(saved.activeAtMs / 1000) * 1000;
  const down = Math.floor(downAtMs / 1000) * 1000;
  const remaining = holdMs - (down - activeAt);
  if (remaining <= 0) return activeAt; // it was firing: it fires again at the next evaluation
  if (remaining < opts.forGracePeriodMs) return nowMs + opts.forGracePeriodMs - holdMs;
  return activeAt + (nowMs - down);
}

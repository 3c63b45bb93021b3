/**
 * Runs rule groups on their own intervals on an injected clock, as Prometheus' rule manager
 * does: each group waits for its first slot (schedule.ts), evaluates at slot times (not at the
 * moment the timer fired), never overlaps itself, and after a late tick (sleep, suspend, a slow
 * evaluation) skips the missed slots, counting them, and evaluates once at the latest slot.
 * A failing evaluation is recorded and the group keeps its schedule.
 */
import type { Clock } from './clock';
import { evalTimestampNs, groupOffsetNs, msToNs, nextEvaluation, nsToMs } from './schedule';

export interface ScheduledGroup {
  /** A stable key (file + group name). */
  key: string;
  file: string;
  name: string;
  intervalMs: number;
  /** Evaluates the group at tMs (a slot time). */
  evaluate(tMs: number): Promise<void>;
}

export type GroupRunState =
  | { state: 'waiting'; nextEvalMs: number }
  | { state: 'evaluating'; evalMs: number }
  | { state: 'stopped' };

export interface GroupStats {
  key: string;
  intervalMs: number;
  run: GroupRunState;
  lastEvalMs: number | null;
  lastDurationMs: number | null;
  /** prometheus_rule_group_iterations_missed_total */
  missed: number;
  evaluations: number;
  lastError: string | null;
}

interface Entry {
  group: ScheduledGroup;
  intervalNs: bigint;
  lastNs: bigint | null;
  nextNs: bigint;
  cancel: (() => void) | null;
  stats: GroupStats;
}

export class LiveScheduler {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(private readonly clock: Clock, private readonly onEvaluated: (key: string, stats: GroupStats) => void = () => undefined) {}

  add(group: ScheduledGroup): void {
    if (!(group.intervalMs > 0)) throw new Error(`group ${group.name}: the evaluation interval must be positive`);
    if (this.entries.has(group.key)) throw new Error(`group ${group.name} is already scheduled`);
    const intervalNs = msToNs(group.intervalMs);
    // Group.run: the first evaluation is one interval after the slot at or before now.
    const nextNs = evalTimestampNs(msToNs(this.clock.now()), groupOffsetNs(group.file, group.name, intervalNs), intervalNs) + intervalNs;
    const entry: Entry = {
      group,
      intervalNs,
      lastNs: null,
      nextNs,
      cancel: null,
      stats: { key: group.key, intervalMs: group.intervalMs, run: { state: 'waiting', nextEvalMs: nsToMs(nextNs) }, lastEvalMs: null, lastDurationMs: null, missed: 0, evaluations: 0, lastError: null },
    };
    this.entries.set(group.key, entry);
    this.arm(entry);
  }

  stats(): GroupStats[] {
    return [...this.entries.values()].map((e) => ({ ...e.stats }));
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) {
      e.cancel?.();
      e.cancel = null;
      e.stats.run = { state: 'stopped' };
    }
  }

  private arm(entry: Entry): void {
    if (this.stopped) return;
    // Slots are exact to the ns, the clock to the ms: wake at the first ms at or after the slot.
    const waitNs = entry.nextNs - msToNs(this.clock.now());
    const delay = waitNs <= 0n ? 0 : Number((waitNs + 999_999n) / 1_000_000n);
    entry.stats.run = { state: 'waiting', nextEvalMs: nsToMs(entry.nextNs) };
    entry.cancel = this.clock.setTimer(() => void this.tick(entry), delay);
  }

  private async tick(entry: Entry): Promise<void> {
    entry.cancel = null;
    if (this.stopped) return;
    const nowNs = msToNs(this.clock.now());
    // A timer that fired before the slot waits again.
    if (nowNs < entry.nextNs) return this.arm(entry);
    let evalNs = entry.nextNs;
    if (entry.lastNs !== null) {
      const next = nextEvaluation(entry.lastNs, nowNs, entry.intervalNs);
      evalNs = next.evalNs;
      entry.stats.missed += next.missed;
    } else {
      // The first slot itself may have passed (the machine slept before it): same rule.
      const late = (nowNs - evalNs) / entry.intervalNs;
      entry.stats.missed += Number(late);
      evalNs += late * entry.intervalNs;
    }
    const evalMs = nsToMs(evalNs);
    entry.stats.run = { state: 'evaluating', evalMs };
    const started = this.clock.now();
    try {
      await entry.group.evaluate(evalMs);
      entry.stats.lastError = null;
    } catch (e) {
      entry.stats.lastError = e instanceof Error ? e.message : String(e);
    }
    entry.lastNs = evalNs;
    entry.nextNs = evalNs + entry.intervalNs;
    entry.stats.lastEvalMs = evalMs;
    entry.stats.lastDurationMs = this.clock.now() - started;
    entry.stats.evaluations++;
    if (this.stopped) return;
    this.onEvaluated(entry.group.key, { ...entry.stats });
    this.arm(entry);
  }
}

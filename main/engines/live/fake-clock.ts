/**
 * A clock for tests: time moves only when the test says so; timers due by then run in time
 * order, each seeing now() at its own due time (a suspend is `jump`: the clock leaps and the
 * overdue timers then run late, as they do after a laptop wakes up).
 */
import type { Clock } from './clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, delayMs: number): () => void {
    const timer = { id: this.nextId++, at: this.t + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward to `to`, running each due timer at its due time (and what they schedule). */
  async advanceTo(to: number, settle: () => Promise<void> = flush): Promise<void> {
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= to).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = Math.max(this.t, to);
    await settle();
  }

  advance(ms: number, settle?: () => Promise<void>): Promise<void> {
    return this.advanceTo(this.t + ms, settle);
  }

  /** A suspend: time leaps to `to` with no timer running meanwhile; overdue timers then fire late, at `to`. */
  async jump(to: number, settle: () => Promise<void> = flush): Promise<void> {
    this.t = to;
    for (const x of this.timers) if (x.at < to) x.at = to;
    await this.advanceTo(to, settle);
  }
}

/** Lets pending promise callbacks run (the evaluations the timers started). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';
import { evalTimestampNs, groupOffsetNs, nextEvaluation } from './schedule';
import { LiveScheduler } from './scheduler';
import { xxhash64 } from './xxhash64';

const enc = (s: string) => new TextEncoder().encode(s);

describe('xxhash64 (the hash behind a group offset)', () => {
  it.each([
    ['', 0xef46db3751d8e999n],
    ['a', 0xd24ec4f1a98c6e5bn],
    ['abc', 0x44bc2cf5ad770999n],
    ['Nobody inspects the spammish repetition', 0xfbcea83c8a378bf1n],
  ])('hashes %j as the reference implementation does', (text, want) => {
    expect(xxhash64(enc(text))).toBe(want);
  });
});

describe('evaluation slots', () => {
  const interval = 60_000_000_000n;
  it('puts a group at a fixed offset below its interval, different for different groups', () => {
    const a = groupOffsetNs('rules.yml', 'a', interval);
    const b = groupOffsetNs('rules.yml', 'b', interval);
    expect(a).toBeGreaterThanOrEqual(0n);
    expect(a).toBeLessThan(interval);
    expect(a).not.toBe(b);
    expect(groupOffsetNs('rules.yml', 'a', interval)).toBe(a);
  });

  it.each([
    { name: 'a time just after the slot goes back to it', start: 1_000n * interval + 7n + 5n, offset: 7n, want: 1_000n * interval + 7n },
    { name: 'a time just before the slot goes back a whole interval', start: 1_000n * interval + 6n, offset: 7n, want: 999n * interval + 7n },
    { name: 'the slot itself is its own slot', start: 1_000n * interval + 7n, offset: 7n, want: 1_000n * interval + 7n },
  ])('$name', ({ start, offset, want }) => {
    expect(evalTimestampNs(start, offset, interval)).toBe(want);
  });

  it.each([
    { name: 'an on-time tick evaluates the next slot', late: 0n, missed: 0, slots: 1n },
    { name: 'a tick late by less than an interval still evaluates the next slot', late: interval / 2n, missed: 0, slots: 1n },
    { name: 'a tick after a 5-interval sleep skips 4 slots and evaluates the latest', late: 4n * interval + 10n, missed: 4, slots: 5n },
  ])('$name', ({ late, missed, slots }) => {
    const last = 100n * interval;
    expect(nextEvaluation(last, last + interval + late, interval)).toEqual({ evalNs: last + slots * interval, missed });
  });
});

describe('the live scheduler', () => {
  it('evaluates each group at its slots, at slot times, and counts what a suspend made it miss', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const times: Record<string, number[]> = { fast: [], slow: [] };
    const s = new LiveScheduler(clock);
    for (const [name, intervalMs] of [['fast', 15_000], ['slow', 60_000]] as const) {
      s.add({ key: name, file: 'r.yml', name, intervalMs, evaluate: async (t) => void times[name]!.push(t) });
    }
    await clock.advance(5 * 60_000);
    const fast = times.fast!;
    expect(fast.length).toBeGreaterThanOrEqual(19);
    for (let i = 1; i < fast.length; i++) expect(fast[i]! - fast[i - 1]!).toBe(15_000);
    const offset = Number(groupOffsetNs('r.yml', 'fast', 15_000_000_000n) / 1_000_000n);
    expect(((fast[0]! - offset) % 15_000 + 15_000) % 15_000).toBe(0);
    const before = fast.at(-1)!;
    // Suspended for 10 minutes: one evaluation at the latest slot, 39 counted missed.
    await clock.jump(clock.now() + 10 * 60_000);
    const stats = s.stats().find((x) => x.key === 'fast')!;
    expect(fast.at(-1)! - before).toBe(40 * 15_000);
    expect(stats.missed).toBe(39);
    expect(s.stats().find((x) => x.key === 'slow')!.missed).toBe(9);
    s.stop();
    expect(clock.pending()).toBe(0);
  });

  it('never overlaps a slow evaluation with the next one, and counts the slots it covered', async () => {
    const clock = new FakeClock(0);
    let running = 0;
    let maxRunning = 0;
    const times: number[] = [];
    const s = new LiveScheduler(clock);
    s.add({
      key: 'g', file: 'f', name: 'g', intervalMs: 1000,
      evaluate: async (t) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        times.push(t);
        // The first evaluation takes 3.5 intervals of clock time.
        if (times.length === 1) await new Promise<void>((r) => clock.setTimer(r, 3500));
        running--;
      },
    });
    await clock.advance(10_000);
    expect(maxRunning).toBe(1);
    expect(times[1]! - times[0]!).toBe(3000);
    expect(s.stats()[0]!.missed).toBe(2);
    s.stop();
  });

  it('records a failing evaluation and keeps the schedule', async () => {
    const clock = new FakeClock(0);
    let n = 0;
    const s = new LiveScheduler(clock);
    s.add({ key: 'g', file: 'f', name: 'g', intervalMs: 1000, evaluate: async () => { n++; if (n === 1) throw new Error('boom'); } });
    while (n === 0) await clock.advance(100);
    expect(s.stats()[0]!.lastError).toBe('boom');
    await clock.advance(2000);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(s.stats()[0]!.lastError).toBeNull();
    s.stop();
  });
});

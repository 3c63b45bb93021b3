import { describe, expect, it } from 'vitest';
import { createTimeCursor, nearestRowIndex } from './time-cursor';

describe('the shared time cursor', () => {
  it('tells its subscribers when it moves, and not when it is set to where it already is', () => {
    const c = createTimeCursor();
    let calls = 0;
    const off = c.subscribe(() => calls++);
    c.set({ t: 10, source: 'chart' });
    c.set({ t: 10, source: 'chart' });
    c.set({ t: 11, source: 'chart' });
    c.set(null);
    off();
    c.set({ t: 12, source: 'logs' });
    expect(calls).toBe(3);
    expect(c.get()).toEqual({ t: 12, source: 'logs' });
  });
});

describe('the row nearest a time', () => {
  const asc = [10, 20, 20, 30, 50];
  const desc = [...asc].reverse();
  const cases: [string, number[], number, number][] = [
    ['an empty list has none', [], 5, -1],
    ['a time before every row of an ascending list is its first row', asc, 0, 0],
    ['a time after every row of an ascending list is its last row', asc, 99, 4],
    ['an exact time finds the first row with that time', asc, 20, 1],
    ['a time between two rows finds the nearer one', asc, 42, 4],
    ['a time halfway between two rows finds the earlier in list order', asc, 40, 3],
    ['a descending (backward) list is searched the other way round', desc, 42, 0],
    ['a descending list: a time after every row is its first row', desc, 99, 0],
    ['a descending list: a time before every row is its last row', desc, 0, 4],
    ['a descending list: an exact time finds the first row with it', desc, 20, 2],
  ];
  it.each(cases)('%s', (_name, times, t, want) => {
    expect(nearestRowIndex((i) => times[i]!, times.length, t)).toBe(want);
  });
});

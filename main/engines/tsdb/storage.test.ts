import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from './labels';
import { createStorage, firstAfter } from './storage';

describe('in-memory storage', () => {
  const store = createStorage();
  const a = labelsFromRecord({ __name__: 'up', job: 'a' });
  const b = labelsFromRecord({ __name__: 'up', job: 'b', empty: '' });
  [0, 10, 20].forEach((t) => store.append(a, t, t / 10));
  store.appendStale(a, 30);
  store.append(b, 5, 1);

  const cases: [string, Record<string, string>, string[]][] = [
    ['selects by equality on the name', { __name__: 'up' }, ['a', 'b']],
    ['treats a missing label as empty', { empty: '' }, ['a', 'b']],
    ['selects one series by label', { job: 'b' }, ['b']],
  ];
  it.each(cases)('%s', (_n, match, jobs) => {
    const got = store.select(Object.entries(match).map(([name, v]) => ({ name, matches: (x: string) => x === v })));
    expect(got.map((s) => s.labels.find((l) => l.name === 'job')!.value)).toEqual(jobs);
  });

  it('keeps staleness markers as flags beside the values', () => {
    const [s] = store.select([{ name: 'job', matches: (x) => x === 'a' }]);
    expect(s!.length).toBe(4);
    expect(s!.stale[3]).toBe(1);
    expect(firstAfter(s!, 10)).toBe(2);
  });

  it('drops empty label values', () => {
    expect(b.map((l) => l.name)).toEqual(['__name__', 'job']);
  });

  it('answers a name matcher from its index, still applying the other matchers', () => {
    const got = store.select([{ name: '__name__', matches: (x) => x === 'up', equals: 'up' }, { name: 'job', matches: (x) => x === 'b' }]);
    expect(got.map((s) => s.labels.find((l) => l.name === 'job')!.value)).toEqual(['b']);
    expect(store.select([{ name: '__name__', matches: (x) => x === 'down', equals: 'down' }])).toEqual([]);
  });

  it('moves to a new generation when a series is added or the store cleared, not when a sample is', () => {
    const s = createStorage();
    const g0 = s.generation();
    s.append(a, 0, 1);
    const g1 = s.generation();
    s.append(a, 10, 2);
    expect(s.generation()).toBe(g1);
    s.append(b, 0, 1);
    expect(new Set([g0, g1, s.generation()]).size).toBe(3);
    s.clear();
    expect(s.generation()).not.toBe(g1);
  });
});

import { describe, expect, it } from 'vitest';
import { RuleGroup } from './group';
import type { OutputSample, RuleGroupSpec, Vector } from './types';

// A fake query: the expression's answer at each time is a table; the clock is the loop.
function run(spec: { forMs?: number; keepFiringForMs?: number }, present: (t: number) => boolean, times: number[]) {
  const group: RuleGroupSpec = { name: 'g', limit: 0, rules: [{ kind: 'alerting', alert: 'A', expr: 'x', forMs: spec.forMs ?? 0, keepFiringForMs: spec.keepFiringForMs ?? 0, labels: {}, annotations: {} }] };
  const g = new RuleGroup(group);
  const query = (_e: string, t: number): Vector => (present(t) ? [{ labels: { __name__: 'x', job: 'j' }, value: 1 }] : []);
  const written: OutputSample[] = [];
  return (async () => {
    const states: string[] = [];
    for (const t of times) {
      await g.eval(t, { query, append: (s) => void written.push(...s) });
      const a = g.alertingRules()[0]!.allAlerts()[0];
      states.push(a ? a.status.state : '-');
    }
    return { states, written, rule: g.alertingRules()[0]! };
  })();
}

const MIN = 60_000;
const minutes = (n: number) => Array.from({ length: n }, (_, i) => i * MIN);

describe('alert state machine (fake query, fake clock)', () => {
  it.each([
    { name: 'no for: firing at once', spec: {}, on: () => true, n: 3, want: ['firing', 'firing', 'firing'] },
    { name: 'for 2m: pending, then firing once for has elapsed', spec: { forMs: 2 * MIN }, on: () => true, n: 4, want: ['pending', 'pending', 'firing', 'firing'] },
    { name: 'pending that vanishes is dropped', spec: { forMs: 5 * MIN }, on: (t: number) => t < 2 * MIN, n: 4, want: ['pending', 'pending', '-', '-'] },
    { name: 'firing that vanishes is resolved and kept 15m', spec: {}, on: (t: number) => t < MIN, n: 18, want: ['firing', ...Array(16).fill('inactive'), '-'] },
    { name: 'keep_firing_for holds a firing alert', spec: { keepFiringForMs: 2 * MIN }, on: (t: number) => t < MIN, n: 5, want: ['firing', 'firing', 'firing', 'inactive', 'inactive'] },
    { name: 'flapping restarts pending', spec: { forMs: 2 * MIN }, on: (t: number) => t !== 2 * MIN, n: 6, want: ['pending', 'pending', '-', 'pending', 'pending', 'firing'] },
    { name: 'resolved alert that returns starts over as pending', spec: { forMs: MIN }, on: (t: number) => t !== 2 * MIN, n: 5, want: ['pending', 'firing', 'inactive', 'pending', 'firing'] },
  ])('$name', async ({ spec, on, n, want }) => {
    const { states } = await run(spec, on, minutes(n));
    expect(states).toEqual(want);
  });

  it('keeps ActiveAt, FiredAt and ResolvedAt', async () => {
    const { rule } = await run({ forMs: MIN }, (t) => t < 3 * MIN, minutes(4));
    expect(rule.allAlerts()[0]!.status).toEqual({ state: 'inactive', activeAtMs: 0, firedAtMs: MIN, resolvedAtMs: 3 * MIN });
  });

  it('writes ALERTS and ALERTS_FOR_STATE, and stale markers when the alert ends', async () => {
    const { written } = await run({ forMs: MIN }, (t) => t < 2 * MIN, minutes(3));
    const at = (t: number) => written.filter((s) => s.tMs === t).map((s) => `${s.labels.__name__}/${s.labels.alertstate ?? ''}/${s.stale ? 'stale' : s.value}`);
    expect(at(0)).toEqual(['ALERTS/pending/1', 'ALERTS_FOR_STATE//0']);
    expect(at(MIN)).toEqual(['ALERTS/firing/1', 'ALERTS_FOR_STATE//0', 'ALERTS/pending/stale']);
    expect(at(2 * MIN).sort()).toEqual(['ALERTS/firing/stale', 'ALERTS_FOR_STATE//stale']);
  });

  it('a rule error is kept as the rule last error and the others still run', async () => {
    const g = new RuleGroup({ name: 'g', limit: 0, rules: [{ kind: 'recording', record: 'r', expr: 'bad', labels: {} }, { kind: 'recording', record: 'ok', expr: 'good', labels: { a: 'b' } }] });
    const written: OutputSample[] = [];
    await g.eval(0, { query: (e) => { if (e === 'bad') throw new Error('boom'); return [{ labels: { __name__: 'm' }, value: 2 }]; }, append: (s) => void written.push(...s) });
    expect(g.errors()).toEqual([{ rule: 'r', index: 0, error: 'boom' }]);
    expect(written).toEqual([{ labels: { __name__: 'ok', a: 'b' }, tMs: 0, value: 2 }]);
  });

  it('duplicate label sets after applying alert labels are an error', async () => {
    const g = new RuleGroup({ name: 'g', limit: 0, rules: [{ kind: 'alerting', alert: 'A', expr: 'x', forMs: 0, keepFiringForMs: 0, labels: {}, annotations: {} }] });
    await g.eval(0, { query: () => [{ labels: { __name__: 'a' }, value: 1 }, { labels: { __name__: 'b' }, value: 1 }], append: () => {} });
    expect(g.errors()[0]!.error).toBe('vector contains metrics with the same labelset after applying alert labels');
  });
});

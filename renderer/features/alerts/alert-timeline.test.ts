import { describe, expect, it } from 'vitest';
import type { BacktestGroup } from '../../../shared/contract/alerts';
import { alertRulesOf, labelText, lastEvaluation, promDuration, timelineRows } from './alert-timeline';

const M = 60_000;
const range = { start: 0, end: 20 * M };
const labels = { alertname: 'Error_total', severity: 'critical' };

function group(alerts: BacktestGroup['alerts']): BacktestGroup {
  return { group: 'seed', intervalMs: M, alerts, series: [], errors: [] };
}

describe('timelineRows', () => {
  it('keeps firing to the end of the range when the alert never resolves (the seed)', () => {
    const [row] = timelineRows(
      group([{ rule: 'Error_total', labels, intervals: [{ state: 'pending', fromMs: 1 * M, toMs: 1 * M }, { state: 'firing', fromMs: 2 * M, toMs: 20 * M }], resolvedAtMs: [] }]),
      range,
    );
    expect(row!.outcome).toBe('firing');
    expect(row!.transitions).toEqual([
      { tMs: 1 * M, state: 'pending' },
      { tMs: 2 * M, state: 'firing' },
    ]);
    expect(row!.segments.map((s) => [s.state, s.fromMs, s.toMs, s.left, s.width])).toEqual([
      ['pending', 1 * M, 2 * M, 5, 5],
      ['firing', 2 * M, 20 * M, 10, 90],
    ]);
    expect(row!.labelText).toBe('{alertname="Error_total", severity="critical"}');
  });

  it('ends in resolved when the last firing interval is followed by a resolve', () => {
    const [row] = timelineRows(
      group([{ rule: 'Error_total', labels, intervals: [{ state: 'pending', fromMs: 1 * M, toMs: 1 * M }, { state: 'firing', fromMs: 2 * M, toMs: 14 * M }], resolvedAtMs: [15 * M] }]),
      range,
    );
    expect(row!.outcome).toBe('resolved');
    expect(row!.transitions.at(-1)).toEqual({ tMs: 15 * M, state: 'resolved' });
    expect(row!.resolved).toEqual([{ tMs: 15 * M, left: 75 }]);
  });

  it('calls a pending alert that cleared before firing inactive, not resolved', () => {
    const [row] = timelineRows(group([{ rule: 'A', labels, intervals: [{ state: 'pending', fromMs: 3 * M, toMs: 4 * M }], resolvedAtMs: [] }]), range);
    expect(row!.outcome).toBe('inactive');
  });

  it('fires again after a resolve: the outcome is the latest state', () => {
    const [row] = timelineRows(
      group([{ rule: 'A', labels, intervals: [{ state: 'firing', fromMs: 0, toMs: 2 * M }, { state: 'firing', fromMs: 10 * M, toMs: 20 * M }], resolvedAtMs: [3 * M] }]),
      range,
    );
    expect(row!.outcome).toBe('firing');
  });

  it('clips the last segment at the end of the range', () => {
    const [row] = timelineRows(group([{ rule: 'A', labels, intervals: [{ state: 'firing', fromMs: 19 * M, toMs: 19.5 * M }], resolvedAtMs: [] }]), { start: 0, end: 19.5 * M });
    expect(row!.segments[0]!.toMs).toBe(19.5 * M);
  });
});

describe('helpers', () => {
  it.each([
    [{ start: 0, end: 20 * M }, M, 20 * M],
    [{ start: 0, end: 20 * M + 30_000 }, M, 20 * M],
    [{ start: 5, end: 5 }, M, 5],
  ])('lastEvaluation(%o, %d) is %d', (r, interval, expected) => {
    expect(lastEvaluation(r, interval)).toBe(expected);
  });

  it('writes labels as Prometheus does, names sorted and values quoted', () => {
    expect(labelText({ b: 'x"y', a: '1' })).toBe('{a="1", b="x\\"y"}');
  });

  it('lists each rule once, alerts first then rules that only have samples', () => {
    const g: BacktestGroup = { ...group([{ rule: 'A', labels, intervals: [], resolvedAtMs: [] }]), series: [{ rule: 'B', labels: {}, points: [] }, { rule: 'A', labels: {}, points: [] }] };
    expect(alertRulesOf(g)).toEqual(['A', 'B']);
  });
});

describe('promDuration', () => {
  it.each([
    [60_000, '1m'],
    [90_000, '1m30s'],
    [15_000, '15s'],
    [500, '500ms'],
    [0, '0s'],
    [5_400_000, '1h30m'],
    [8 * 86_400_000, '1w1d'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(promDuration(ms)).toBe(text);
  });
});

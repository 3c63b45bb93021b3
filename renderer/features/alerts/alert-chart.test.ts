import { describe, expect, it } from 'vitest';
import type { BacktestGroup } from '../../../shared/contract/alerts';
import { alertChartOption, gappedPoints, resolvedTimes, STATE_COLORS, stateBands } from './alert-chart';

const M = 60_000;
const range = { start: 0, end: 20 * M };
const group: BacktestGroup = {
  group: 'seed',
  intervalMs: M,
  alerts: [
    { rule: 'Error_total', labels: { severity: 'critical' }, intervals: [{ state: 'pending', fromMs: M, toMs: M }, { state: 'firing', fromMs: 2 * M, toMs: 9 * M }], resolvedAtMs: [10 * M] },
    { rule: 'Other', labels: {}, intervals: [{ state: 'firing', fromMs: 0, toMs: 20 * M }], resolvedAtMs: [] },
  ],
  series: [{ rule: 'Error_total', labels: { job: 'varlogs' }, points: [[M, 2], [2 * M, 3], [5 * M, 4]] }],
  errors: [],
};

describe('gappedPoints', () => {
  it.each([
    ['leaves consecutive evaluations joined', [[0, 1], [M, 2]], [[0, 1], [M, 2]]],
    ['breaks the line where evaluations returned nothing', [[0, 1], [3 * M, 2]], [[0, 1], [M, null], [3 * M, 2]]],
    ['draws infinities as gaps', [[0, Infinity], [M, 2]], [[0, null], [M, 2]]],
  ] as const)('%s', (_name, points, expected) => {
    expect(gappedPoints(points as unknown as [number, number][], M)).toEqual(expected);
  });
});

describe('the alert chart', () => {
  it('bands the rule’s pending and firing intervals until the evaluation that ended them', () => {
    expect(stateBands(group, 'Error_total', range)).toEqual([
      { state: 'pending', fromMs: M, toMs: 2 * M },
      { state: 'firing', fromMs: 2 * M, toMs: 10 * M },
    ]);
    expect(resolvedTimes(group, 'Error_total')).toEqual([10 * M]);
    expect(resolvedTimes(group, 'Other')).toEqual([]);
  });

  it('draws the expression as lines and the states as coloured mark areas and resolved lines', () => {
    const option = alertChartOption(group, 'Error_total', { theme: 'dark', utc: true, range });
    const series = option.series as { name: string; data: unknown[]; markArea?: { data: { itemStyle?: { color: string }; xAxis: number }[][] }; markLine?: { data: { xAxis: number }[] } }[];
    expect(series.map((s) => s.name)).toEqual(['varlogs', 'alert states']);
    expect(series[0]!.data).toEqual([[M, 2], [2 * M, 3], [3 * M, null], [5 * M, 4]]);
    const areas = series[1]!.markArea!.data;
    expect(areas.map(([a, b]) => [a!.itemStyle!.color, a!.xAxis, b!.xAxis])).toEqual([
      [STATE_COLORS.pending, M, 2 * M],
      [STATE_COLORS.firing, 2 * M, 10 * M],
    ]);
    expect(series[1]!.markLine!.data).toEqual([{ xAxis: 10 * M }]);
  });

  it('still shows the bands of a rule whose expression has no samples in the range', () => {
    const option = alertChartOption(group, 'Other', { theme: 'light', utc: false, range });
    const series = option.series as { name: string; markArea: { data: unknown[] } }[];
    expect(series.map((s) => s.name)).toEqual(['alert states']);
    expect(series[0]!.markArea.data).toHaveLength(1);
  });
});

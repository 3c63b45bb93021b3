import type { LineSeriesOption } from 'echarts/charts';
import type { BacktestGroup } from '../../../shared/contract/alerts';
import { baseTimeOption, type ChartOption } from '../../charts/chart-option';
import type { ChartTheme } from '../../charts/chart-theme';
import { seriesColor } from '../../charts/chart-theme';
import { seriesNames } from '../../charts/series-name';
import { segmentEnd } from './alert-timeline';

/** Grafana's alert state colours: pending amber, firing red, resolved green. */
export const STATE_COLORS = { pending: 'rgba(245, 166, 35, 0.22)', firing: 'rgba(226, 77, 66, 0.28)', resolved: '#73bf69' } as const;

type Point = [number, number | null];

/** Samples as points, with a null where an evaluation returned nothing (a gap, not a line across it). */
export function gappedPoints(points: readonly (readonly [number, number])[], intervalMs: number): Point[] {
  const out: Point[] = [];
  for (const [t, v] of points) {
    const prev = out.at(-1);
    if (prev && t - prev[0] > intervalMs * 1.5) out.push([prev[0] + intervalMs, null]);
    // ±Inf and NaN cannot be drawn: a gap at that evaluation.
    out.push([t, Number.isFinite(v) ? v : null]);
  }
  return out;
}

export interface StateBand {
  state: 'pending' | 'firing';
  fromMs: number;
  toMs: number;
}

/** Every alert's pending / firing intervals of one rule, drawn until the evaluation that ended them. */
export function stateBands(group: BacktestGroup, rule: string, range: { start: number; end: number }): StateBand[] {
  return group.alerts.filter((a) => a.rule === rule).flatMap((a) => a.intervals.map((iv) => ({ state: iv.state, fromMs: iv.fromMs, toMs: segmentEnd(iv.toMs, group.intervalMs, range) })));
}

export function resolvedTimes(group: BacktestGroup, rule: string): number[] {
  return [...new Set(group.alerts.filter((a) => a.rule === rule).flatMap((a) => a.resolvedAtMs))].sort((a, b) => a - b);
}

/**
 * One alert rule's back-test as a chart: the expression's series as lines, the alerts' pending
 * and firing intervals as bands behind them, a dashed line where an alert resolved. The bands
 * ride on a series of their own, so they show even when the expression returned nothing.
 */
export function alertChartOption(group: BacktestGroup, rule: string, o: { theme: ChartTheme; utc: boolean; range: { start: number; end: number } }): ChartOption {
  const own = group.series.filter((s) => s.rule === rule);
  const names = seriesNames(
    own.map((s) => s.labels),
    rule,
  );
  const lines: LineSeriesOption[] = own.map((s, i) => ({
    type: 'line',
    name: names[i],
    data: gappedPoints(s.points, group.intervalMs),
    color: seriesColor(i),
    connectNulls: false,
    showSymbol: s.points.length <= 60,
    symbol: 'circle',
    symbolSize: 4,
    lineStyle: { width: 1 },
    sampling: 'lttb',
  }));
  const states: LineSeriesOption = {
    type: 'line',
    name: 'alert states',
    data: [],
    silent: true,
    markArea: {
      silent: true,
      data: stateBands(group, rule, o.range).map((b) => [
        { xAxis: b.fromMs, itemStyle: { color: STATE_COLORS[b.state] }, name: b.state },
        { xAxis: b.toMs },
      ]),
      label: { show: false },
    },
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      lineStyle: { color: STATE_COLORS.resolved, type: 'dashed', width: 1 },
      label: { show: true, formatter: 'resolved', color: STATE_COLORS.resolved, fontSize: 10 },
      data: resolvedTimes(group, rule).map((t) => ({ xAxis: t })),
    },
  };
  const base = baseTimeOption({ theme: o.theme, utc: o.utc, range: o.range, step: group.intervalMs / 1000 }, lines.length > 1);
  return { ...base, legend: { ...(base.legend as object), data: names }, series: [...lines, states] };
}

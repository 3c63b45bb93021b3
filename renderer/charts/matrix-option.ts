import type { LineSeriesOption } from 'echarts/charts';
import type { MetricResult } from '../../shared/contract/metrics';
import { baseTimeOption, LARGE_POINTS, stepMs, type ChartOption, type TimeChartOptions } from './chart-option';
import { seriesColor } from './chart-theme';
import { seriesNames } from './series-name';
import { drawable, sampleValue } from './values';

export type MatrixResult = Extract<MetricResult, { resultType: 'matrix' }>;
export type Point = [number, number | null];

export interface MatrixOptions extends TimeChartOptions {
  /** Names a series without labels (Grafana names it by the expression). */
  query: string;
}

/** Below this many points a series shows its samples as dots (a lone sample stays visible). */
const SYMBOL_POINTS = 60;

/**
 * Loki's [seconds, "value"] samples as [ms, value] points, with a null after each sample
 * whose next step is missing: Loki omits empty steps (count_over_time has no zero), and
 * Grafana draws a missing step as a gap, not as a line across it nor as a zero.
 */
export function toPoints(values: readonly (readonly [number, string])[], step: number | null): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < values.length; i++) {
    const t = Math.round(values[i]![0] * 1000);
    const prev = out.length ? out[out.length - 1]![0] : null;
    if (step !== null && prev !== null && t - prev > step * 1.5) out.push([prev + step, null]);
    out.push([t, drawable(sampleValue(values[i]![1]))]);
  }
  return out;
}

/** A range query's matrix as a Grafana-like time series chart: one line per series. */
export function matrixToOption(result: MatrixResult, o: MatrixOptions): ChartOption {
  const names = seriesNames(result.result.map((s) => s.metric), o.query);
  const step = stepMs(o.step, result.result.map((s) => s.values.map((v) => Math.round(v[0] * 1000))));
  const total = result.result.reduce((n, s) => n + s.values.length, 0);
  const large = total > LARGE_POINTS;
  const series: LineSeriesOption[] = result.result.map((s, i) => {
    const data = toPoints(s.values, step);
    return {
      type: 'line',
      name: names[i],
      data,
      color: seriesColor(i),
      // LTTB keeps peaks when a series has more points than pixels.
      sampling: 'lttb',
      connectNulls: false,
      showSymbol: !large && s.values.length <= SYMBOL_POINTS,
      symbol: 'circle',
      symbolSize: 4,
      lineStyle: { width: 1 },
      emphasis: { disabled: large },
      progressive: large ? 4000 : 0,
    };
  });
  return { ...baseTimeOption(o, series.length > 0), series };
}

import type { BarSeriesOption } from 'echarts/charts';
import { formatDateTime } from '../app/time-format';
import { levelColor, levelOfName, LEVEL_ORDER } from '../features/logs/levels';
import { baseTimeOption, LARGE_POINTS, stepMs, type ChartOption, type TimeChartOptions } from './chart-option';
import type { MatrixResult } from './matrix-option';
import { drawable, sampleValue } from './values';

/** The level a volume series stands for: its `detected_level` (any single label as a fallback). */
export function volumeLevelName(metric: Readonly<Record<string, string>>): string {
  return metric.detected_level ?? metric.level ?? Object.values(metric)[0] ?? 'unknown';
}

/**
 * `logql.volume`'s matrix as Grafana's log volume: bars stacked by level in Grafana's level
 * colours, most severe at the bottom. Series are aligned on one time grid (nulls where a
 * level has no line) because ECharts stacks bars by data index.
 */
export function volumeToOption(result: MatrixResult, o: TimeChartOptions): ChartOption {
  const levels = result.result
    .map((s) => ({ name: volumeLevelName(s.metric), values: s.values }))
    .sort((a, b) => LEVEL_ORDER.indexOf(levelOfName(a.name)) - LEVEL_ORDER.indexOf(levelOfName(b.name)) || a.name.localeCompare(b.name));
  const times = [...new Set(levels.flatMap((l) => l.values.map((v) => Math.round(v[0] * 1000))))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const step = stepMs(o.step, [times]);
  const large = times.length * levels.length > LARGE_POINTS;
  const series: BarSeriesOption[] = levels.map((l) => {
    const data: [number, number | null][] = times.map((t) => [t, null]);
    for (const [s, v] of l.values) data[index.get(Math.round(s * 1000))!]![1] = drawable(sampleValue(v));
    return {
      type: 'bar',
      name: l.name,
      stack: 'volume',
      data,
      color: levelColor(levelOfName(l.name)),
      barMaxWidth: 40,
      barCategoryGap: '10%',
      large,
      largeThreshold: LARGE_POINTS,
      emphasis: { disabled: true },
    };
  });
  // A bar at t counts the lines of (t - step, t]: say so in the tooltip.
  const header = (t: number): string => {
    const zone = o.utc ? 'utc' : 'local';
    return step === null ? formatDateTime(t, zone) : `${formatDateTime(t - step, zone)} – ${formatDateTime(t, zone).slice(11)}`;
  };
  return { ...baseTimeOption(o, series.length > 0, header), series };
}

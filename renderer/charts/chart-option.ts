import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatDateTime } from '../app/time-format';
import { CHART_COLORS, type ChartTheme } from './chart-theme';
import { formatShort } from './values';

/** The option type of the parts echarts-setup.ts registers, and nothing more. */
export type ChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/** Beyond this many points a chart drops symbols, animation and (bars) draws in large mode. */
export const LARGE_POINTS = 5000;

export interface TimeRangeMs {
  start: number;
  end: number;
}

export interface TimeChartOptions {
  theme: ChartTheme;
  range: TimeRangeMs;
  /** Step in seconds; null: inferred from the samples. */
  step: number | null;
  utc: boolean;
}

/** One hovered series as ECharts hands it to an axis tooltip formatter. */
export interface TooltipParam {
  seriesName?: string;
  color?: unknown;
  value?: unknown;
  axisValue?: unknown;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Grafana's "all series" tooltip: the hovered time, then every series with a value there,
 * highest first (series without a sample at that step are left out).
 */
export function tooltipHtml(params: readonly TooltipParam[], utc: boolean, header?: (t: number) => string): string {
  const pairs = params.map((p) => p.value as [number, number | null] | undefined);
  // An axis tooltip hands each series' nearest sample: a series with no sample at the hovered
  // step would show another step's value, so only samples at the hovered time count.
  const pointer = params.find((p) => typeof p.axisValue === 'number')?.axisValue as number | undefined;
  let t: number | null = null;
  for (const pair of pairs) if (pair && (t === null || (pointer !== undefined && Math.abs(pair[0] - pointer) < Math.abs(t - pointer)))) t = pair[0];
  const rows: { name: string; color: string; v: number }[] = [];
  params.forEach((p, i) => {
    const pair = pairs[i];
    if (!pair || pair[0] !== t || pair[1] === null || pair[1] === undefined) return;
    rows.push({ name: p.seriesName ?? '', color: typeof p.color === 'string' ? p.color : '#888', v: pair[1] });
  });
  rows.sort((a, b) => b.v - a.v);
  const head = t === null ? '' : header ? header(t) : formatDateTime(t, utc ? 'utc' : 'local');
  const body = rows
    .map((r) => `<div class="chart-tip-row"><span class="chart-tip-swatch" style="background:${r.color}"></span><span class="chart-tip-name">${escapeHtml(r.name)}</span><span class="chart-tip-value">${formatShort(r.v)}</span></div>`)
    .join('');
  return `<div class="chart-tip"><div class="chart-tip-time">${escapeHtml(head)}</div>${body || '<div class="chart-tip-empty">No value</div>'}</div>`;
}

/** The axes, grid, tooltip and legend shared by the time-series and volume charts. */
export function baseTimeOption(o: TimeChartOptions, legend: boolean, tooltipHeader?: (t: number) => string): ChartOption {
  const c = CHART_COLORS[o.theme];
  return {
    animation: false,
    useUTC: o.utc,
    backgroundColor: 'transparent',
    textStyle: { color: c.text, fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', fontSize: 11 },
    grid: { left: 8, right: 16, top: 10, bottom: legend ? 30 : 6, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'time',
      min: o.range.start,
      max: o.range.end,
      axisLine: { lineStyle: { color: c.axis } },
      axisTick: { show: false },
      axisLabel: { color: c.muted, hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: c.grid } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: c.muted, formatter: (v: number) => formatShort(v) },
      splitLine: { lineStyle: { color: c.grid } },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line', lineStyle: { color: c.pointer, type: 'dashed' } },
      backgroundColor: c.tooltipBg,
      borderColor: c.tooltipBorder,
      textStyle: { color: c.tooltipText, fontSize: 12 },
      confine: true,
      formatter: (params) => tooltipHtml((Array.isArray(params) ? params : [params]) as TooltipParam[], o.utc, tooltipHeader),
    },
    legend: {
      show: legend,
      type: 'scroll',
      bottom: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 14,
      itemHeight: 4,
      textStyle: { color: c.text, fontSize: 12 },
      inactiveColor: c.axis,
      pageTextStyle: { color: c.muted },
      pageIconColor: c.text,
      pageIconInactiveColor: c.axis,
    },
  };
}

/** The step in ms: the answer's, else the smallest gap between two samples of one series. */
export function stepMs(step: number | null, seriesTimes: readonly (readonly number[])[]): number | null {
  if (step !== null && step > 0) return step * 1000;
  let best = Infinity;
  for (const ts of seriesTimes) for (let i = 1; i < ts.length; i++) best = Math.min(best, ts[i]! - ts[i - 1]!);
  return Number.isFinite(best) && best > 0 ? best : null;
}

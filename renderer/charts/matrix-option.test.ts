import type { LineSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { tooltipHtml } from './chart-option';
import { PALETTE } from './chart-theme';
import { matrixToOption, toPoints, type MatrixOptions, type MatrixResult } from './matrix-option';

const opts: MatrixOptions = { theme: 'dark', range: { start: 0, end: 600_000 }, step: 60, utc: true, query: 'q' };
const matrix = (...series: [Record<string, string>, [number, string][]][]): MatrixResult => ({ resultType: 'matrix', result: series.map(([metric, values]) => ({ metric, values })) });
const seriesOf = (m: MatrixResult, o = opts): LineSeriesOption[] => matrixToOption(m, o).series as LineSeriesOption[];

describe('toPoints', () => {
  it.each<[string, [number, string][], number | null, [number, number | null][]]>([
    ['consecutive steps: seconds → ms', [[60, '1'], [120, '2']], 60_000, [[60_000, 1], [120_000, 2]]],
    ['a missing step is a gap (null), not a zero', [[60, '1'], [240, '4']], 60_000, [[60_000, 1], [120_000, null], [240_000, 4]]],
    ['NaN and Inf are gaps', [[60, 'NaN'], [120, '+Inf']], 60_000, [[60_000, null], [120_000, null]]],
    ['no step known: no gap inserted', [[60, '1'], [600, '2']], null, [[60_000, 1], [600_000, 2]]],
    ['fractional seconds stay exact in ms', [[1.5, '1']], 500, [[1500, 1]]],
  ])('%s', (_, values, step, points) => expect(toPoints(values, step)).toEqual(points));
});

describe('matrixToOption', () => {
  it('draws one line per series, named by labels, in palette order, on a time axis over the range', () => {
    const o = matrixToOption(matrix([{ job: 'a', level: 'error' }, [[60, '1']]], [{ job: 'b', level: 'info' }, [[60, '2']]]), opts);
    const s = o.series as LineSeriesOption[];
    expect(s.map((x) => x.name)).toEqual(['{job="a", level="error"}', '{job="b", level="info"}']);
    expect(s.map((x) => x.color)).toEqual([PALETTE[0], PALETTE[1]]);
    expect(s.every((x) => x.type === 'line' && x.sampling === 'lttb' && x.connectNulls === false)).toBe(true);
    expect(o.xAxis).toMatchObject({ type: 'time', min: 0, max: 600_000 });
    expect(o.useUTC).toBe(true);
    expect(o.legend).toMatchObject({ show: true, type: 'scroll' });
  });

  it.each<[string, number, number, boolean]>([
    ['few points: dots shown', 10, 1, true],
    ['many points: lines only', 100, 1, false],
    ['beyond 5000 points in all: large (no symbols, progressive, no emphasis)', 1000, 6, false],
  ])('%s', (_, points, count, symbols) => {
    const values: [number, string][] = Array.from({ length: points }, (_, i) => [60 * (i + 1), String(i)]);
    const s = seriesOf(matrix(...Array.from({ length: count }, (_, i) => [{ n: String(i) }, values] as [Record<string, string>, [number, string][]])));
    expect(s[0]!.showSymbol).toBe(symbols);
    expect(s[0]!.progressive).toBe(points * count > 5000 ? 4000 : 0);
  });

  it('infers the step from the samples when the answer has none', () => {
    const s = seriesOf(matrix([{}, [[30, '1'], [60, '1'], [120, '1']]]), { ...opts, step: null });
    expect(s[0]!.data).toEqual([[30_000, 1], [60_000, 1], [90_000, null], [120_000, 1]]);
    expect(s[0]!.name).toBe('q');
  });

  it('an empty matrix has no series and no legend', () => {
    const o = matrixToOption(matrix(), opts);
    expect(o.series).toEqual([]);
    expect(o.legend).toMatchObject({ show: false });
  });

  it('takes the theme: axis label colours differ between light and dark', () => {
    const m = matrix([{ a: '1' }, [[60, '1']]]);
    const dark = matrixToOption(m, opts).yAxis as { axisLabel: { color: string } };
    const light = matrixToOption(m, { ...opts, theme: 'light' }).yAxis as { axisLabel: { color: string } };
    expect(dark.axisLabel.color).not.toBe(light.axisLabel.color);
  });
});

describe('tooltipHtml', () => {
  it('lists every series with a value at the hovered time, highest first, escaped', () => {
    const html = tooltipHtml(
      [
        { seriesName: 'low', color: '#111', value: [60_000, 1], axisValue: 60_000 },
        { seriesName: '<b>high</b>', color: '#222', value: [60_000, 9], axisValue: 60_000 },
        { seriesName: 'gap', color: '#333', value: [60_000, null], axisValue: 60_000 },
        { seriesName: 'elsewhere', color: '#444', value: [120_000, 50], axisValue: 60_000 },
      ],
      true,
    );
    expect(html).toContain('1970-01-01 00:01:00');
    const names = [...html.matchAll(/chart-tip-name">([^<]*)</g)].map((m) => m[1]);
    expect(names).toEqual(['&#60;b&#62;high&#60;/b&#62;', 'low']);
    expect(html).not.toContain('elsewhere');
  });
});

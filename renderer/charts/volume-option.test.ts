import type { BarSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { LEVEL_COLORS } from '../features/logs/levels';
import type { MatrixResult } from './matrix-option';
import { volumeToOption } from './volume-option';

const opts = { theme: 'light' as const, range: { start: 0, end: 300_000 }, step: 60, utc: true };
const volume = (...series: [string, [number, string][]][]): MatrixResult => ({ resultType: 'matrix', result: series.map(([level, values]) => ({ metric: { detected_level: level }, values })) });

describe('volumeToOption', () => {
  it('stacks bars by level, most severe at the bottom, in Grafana level colours', () => {
    const o = volumeToOption(volume(['info', [[60, '5']]], ['unknown', [[60, '1']]], ['error', [[60, '2']]], ['warn', [[60, '3']]], ['critical', [[60, '1']]], ['debug', [[60, '1']]], ['trace', [[60, '1']]]), opts);
    const s = o.series as BarSeriesOption[];
    expect(s.map((x) => x.name)).toEqual(['critical', 'error', 'warn', 'info', 'debug', 'trace', 'unknown']);
    expect(s.map((x) => x.color)).toEqual([LEVEL_COLORS.fatal, LEVEL_COLORS.error, LEVEL_COLORS.warn, LEVEL_COLORS.info, LEVEL_COLORS.debug, LEVEL_COLORS.trace, LEVEL_COLORS.unknown]);
    expect(s.every((x) => x.type === 'bar' && x.stack === 'volume')).toBe(true);
  });

  it.each<[string, [string, [number, string][]][], [number, number | null][][]]>([
    ['levels aligned on one time grid, null where a level has no line', [['error', [[60, '2']]], ['info', [[60, '5'], [120, '7']]]], [[[60_000, 2], [120_000, null]], [[60_000, 5], [120_000, 7]]]],
    ['steps with no line at all are simply absent (no zero bars)', [['info', [[60, '1'], [240, '3']]]], [[[60_000, 1], [240_000, 3]]]],
  ])('%s', (_, series, data) => {
    expect((volumeToOption(volume(...series), opts).series as BarSeriesOption[]).map((x) => x.data)).toEqual(data);
  });

  it('large mode beyond 5000 bars', () => {
    const values: [number, string][] = Array.from({ length: 3000 }, (_, i) => [60 * (i + 1), '1']);
    expect((volumeToOption(volume(['info', values]), opts).series as BarSeriesOption[])[0]!.large).toBe(false);
    expect((volumeToOption(volume(['info', values], ['error', values]), opts).series as BarSeriesOption[])[0]!.large).toBe(true);
  });

  it('the tooltip names the interval a bar counts: (t - step, t]', () => {
    const o = volumeToOption(volume(['info', [[120, '4']]]), opts);
    const f = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(f([{ seriesName: 'info', color: '#7eb26d', value: [120_000, 4], axisValue: 120_000 }])).toContain('1970-01-01 00:01:00 – 00:02:00');
  });
});

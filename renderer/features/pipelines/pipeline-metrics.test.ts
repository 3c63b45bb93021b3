import { describe, expect, it } from 'vitest';
import { metricCharts } from './pipeline-metrics';

describe('metricCharts', () => {
  it('groups series by metric name, as matrices over log time', () => {
    const charts = metricCharts([
      { name: 'promtail_custom_error_total', type: 'counter', labels: { job: 'a' }, points: [[100, 1], [115, 3]] },
      { name: 'promtail_custom_error_total', type: 'counter', labels: { job: 'b' }, points: [[100, 2]] },
      { name: 'promtail_custom_bytes', type: 'gauge', labels: {}, points: [[200, 5]] },
    ]);
    expect(charts.map((c) => [c.name, c.matrix.result.length])).toEqual([
      ['promtail_custom_error_total', 2],
      ['promtail_custom_bytes', 1],
    ]);
    expect(charts[0]!.matrix.result[0]!.values).toEqual([[100, '1'], [115, '3']]);
    expect(charts[0]!.range).toEqual({ start: 100_000, end: 115_000 });
  });
  it('widens a single instant so the point is visible', () => {
    expect(metricCharts([{ name: 'm', type: 'gauge', labels: {}, points: [[200, 5]] }])[0]!.range).toEqual({ start: 170_000, end: 230_000 });
    expect(metricCharts([{ name: 'm', type: 'gauge', labels: {}, points: [] }])[0]!.range).toEqual({ start: 0, end: 1000 });
  });
});

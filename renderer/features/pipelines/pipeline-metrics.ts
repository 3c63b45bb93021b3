import type { PipelineRun } from '../../../shared/contract/pipelines';
import type { MatrixResult } from '../../charts/matrix-option';

type Metric = Extract<PipelineRun, { ok: true }>['metrics'][number];

export interface MetricChartData {
  name: string;
  type: Metric['type'];
  matrix: MatrixResult;
  /** The time span of the points (ms), the chart's x range. */
  range: { start: number; end: number };
}

/**
 * The run's metrics as one matrix per metric name (series by labels), in the shape Loki's
 * and Prometheus' answers have, so the Explore chart mapper draws them unchanged.
 */
export function metricCharts(metrics: readonly Metric[]): MetricChartData[] {
  const byName = new Map<string, MetricChartData>();
  for (const m of metrics) {
    let c = byName.get(m.name);
    if (!c) byName.set(m.name, (c = { name: m.name, type: m.type, matrix: { resultType: 'matrix', result: [] }, range: { start: Infinity, end: -Infinity } }));
    c.matrix.result.push({ metric: m.labels, values: m.points.map(([t, v]) => [t, String(v)] as [number, string]) });
    for (const [t] of m.points) {
      c.range.start = Math.min(c.range.start, t * 1000);
      c.range.end = Math.max(c.range.end, t * 1000);
    }
  }
  return [...byName.values()].map((c) => {
    if (!Number.isFinite(c.range.start)) return { ...c, range: { start: 0, end: 1000 } };
    // One sample (or one instant) still needs a visible span around it.
    if (c.range.end - c.range.start < 1000) return { ...c, range: { start: c.range.start - 30_000, end: c.range.end + 30_000 } };
    return c;
  });
}

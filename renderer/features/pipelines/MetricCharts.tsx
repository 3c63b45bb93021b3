import { useMemo } from 'react';
import { Chart } from '../../charts/Chart';
import type { ChartTheme } from '../../charts/chart-theme';
import { matrixToOption } from '../../charts/matrix-option';
import { metricCharts, type MetricChartData } from './pipeline-metrics';
import type { OkRun } from './pipelines-client';

function MetricChart({ c, theme, utc }: { c: MetricChartData; theme: ChartTheme; utc: boolean }) {
  const option = useMemo(() => matrixToOption(c.matrix, { theme, utc, range: c.range, step: null, query: c.name }), [c, theme, utc]);
  return (
    <div className="pipeline-metric" data-testid="pipeline-metric-chart" data-name={c.name} data-series-count={c.matrix.result.length}>
      <div className="pipeline-metric-title">
        <b>{c.name}</b> <span className="muted">{c.type}</span>
      </div>
      <Chart option={option} height={160} />
    </div>
  );
}

/** A chart per metric the pipeline defines, on log time (what Prometheus would have scraped). */
export function MetricCharts({ run, theme, utc }: { run: OkRun; theme: ChartTheme; utc: boolean }) {
  const charts = useMemo(() => metricCharts(run.metrics), [run.metrics]);
  if (!charts.length) return <div className="empty small">This pipeline defines no metrics.</div>;
  return (
    <div className="pipeline-metrics">
      {charts.map((c) => (
        <MetricChart key={c.name} c={c} theme={theme} utc={utc} />
      ))}
    </div>
  );
}

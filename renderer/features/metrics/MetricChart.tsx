import { useMemo } from 'react';
import { Chart } from '../../charts/Chart';
import type { ChartTheme } from '../../charts/chart-theme';
import { matrixToOption, type MatrixResult } from '../../charts/matrix-option';

interface Props {
  result: MatrixResult;
  /** The answer's step (s). */
  step: number | null;
  range: { start: number; end: number };
  query: string;
  theme: ChartTheme;
  utc: boolean;
  onPick(t: number): void;
  onZoom(from: number, to: number): void;
}

/** A range query's matrix as a time series chart; click a step to drill, drag to zoom. */
export function MetricChart({ result, step, range, query, theme, utc, onPick, onZoom }: Props) {
  const option = useMemo(() => matrixToOption(result, { theme, range, step, utc, query }), [result, theme, range, step, utc, query]);
  return (
    <div className="metric-chart" data-testid="metric-chart" data-series-count={result.result.length}>
      <Chart option={option} height={260} onPick={onPick} onZoom={onZoom} />
    </div>
  );
}

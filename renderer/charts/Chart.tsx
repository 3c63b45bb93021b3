import { lazy, Suspense } from 'react';
import type { EChartProps } from './EChart';
import './charts.css';

// ECharts is its own chunk: a page without charts never downloads it.
const EChart = lazy(() => import('./EChart'));

/** A chart that loads ECharts on first use, keeping its height while it loads. */
export function Chart(props: EChartProps) {
  return (
    <Suspense fallback={<div className="echart echart-loading" style={{ height: props.height }} />}>
      <EChart {...props} />
    </Suspense>
  );
}

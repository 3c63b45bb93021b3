import { lazy, Suspense } from 'react';
import { useTimeCursorStore } from '../app/TimeCursorProvider';
import type { EChartProps } from './EChart';
import './charts.css';

// ECharts is its own chunk: a page without charts never downloads it.
const EChart = lazy(() => import('./EChart'));

/** A chart that loads ECharts on first use, keeping its height while it loads; on the shared time cursor. */
export function Chart(props: Omit<EChartProps, 'cursor'>) {
  const cursor = useTimeCursorStore();
  return (
    <Suspense fallback={<div className="echart echart-loading" style={{ height: props.height }} />}>
      <EChart {...props} cursor={cursor} />
    </Suspense>
  );
}

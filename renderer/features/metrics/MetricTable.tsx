import { useMemo } from 'react';
import { seriesColor } from '../../charts/chart-theme';
import type { MatrixResult } from '../../charts/matrix-option';
import { seriesNames } from '../../charts/series-name';
import { formatShort } from '../../charts/values';
import { seriesStats } from './metric-stats';

interface Props {
  result: MatrixResult;
  query: string;
  /** Drill at a series' maximum; absent when the query reads no lines (`vector(1)`). */
  onDrillPeak?(t: number): void;
}

/** The series of a matrix with Grafana's legend calcs (last, min, max, mean), in chart colours. */
export function MetricTable({ result, query, onDrillPeak }: Props) {
  const names = useMemo(() => seriesNames(result.result.map((s) => s.metric), query), [result, query]);
  const stats = useMemo(() => seriesStats(result), [result]);
  return (
    <div className="metric-table-wrap">
      <table className="metric-table" data-testid="metric-table">
        <thead>
          <tr>
            <th>Series</th>
            <th className="num">Last</th>
            <th className="num">Min</th>
            <th className="num">Max</th>
            <th className="num">Mean</th>
            {onDrillPeak && <th className="metric-actions" />}
          </tr>
        </thead>
        <tbody>
          {stats.map((s, i) => (
            <tr key={names[i] + String(i)} data-testid="metric-table-row" data-series={names[i]} data-max={s.max} data-peak-t={s.peakT ?? undefined}>
              <td className="metric-series">
                <div className="metric-series-cell">
                  <span className="metric-swatch" style={{ background: seriesColor(i) }} />
                  <span className="metric-name" title={names[i]}>
                    {names[i]}
                  </span>
                </div>
              </td>
              <td className="num">{formatShort(s.last)}</td>
              <td className="num">{formatShort(s.min)}</td>
              <td className="num">{formatShort(s.max)}</td>
              <td className="num">{formatShort(s.mean)}</td>
              {onDrillPeak && (
                <td className="metric-actions">
                  {s.peakT !== null && (
                    <button className="btn btn-small" data-testid="metric-drill-peak" onClick={() => onDrillPeak(s.peakT!)} title="Show the log lines behind this series' highest value">
                      Lines at peak
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { MetricResult } from '../../../shared/contract/metrics';
import { formatDateTime, type TimeZoneSetting } from '../../app/time-format';
import { seriesNames } from '../../charts/series-name';
import { formatShort, sampleValue } from '../../charts/values';

type Vector = Extract<MetricResult, { resultType: 'vector' }>;

/** An instant query's vector as Grafana's table: each series' labels and value, highest first. */
export function VectorTable({ result, query, timeZone }: { result: Vector; query: string; timeZone: TimeZoneSetting }) {
  const names = seriesNames(result.result.map((s) => s.metric), query);
  const rows = result.result.map((s, i) => ({ name: names[i]!, t: s.value[0] * 1000, text: s.value[1], v: sampleValue(s.value[1]) })).sort((a, b) => (b.v || 0) - (a.v || 0));
  return (
    <div className="metric-table-wrap">
      <table className="metric-table" data-testid="metric-table">
        <thead>
          <tr>
            <th>Series</th>
            <th className="metric-time">Time</th>
            <th className="num">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name + String(i)} data-testid="metric-table-row" data-series={r.name} data-value={r.text}>
              <td className="metric-name" title={r.name}>
                {r.name}
              </td>
              <td className="muted">{formatDateTime(r.t, timeZone)}</td>
              <td className="num" title={r.text}>
                {formatShort(r.v)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div className="empty">No series at this time.</div>}
    </div>
  );
}

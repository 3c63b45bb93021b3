import type { StreamInfo } from '../../../shared/contract';
import { useSettings } from '../../app/SettingsProvider';
import { formatCount } from '../../app/time-format';
import { baseName } from '../explore/stream-groups';
import { assumedYearText, progressOf, statusText, timeSpanText } from './source-view';

/** A source's streams: labels, size of the index, time span, format and status. */
export function StreamTable({ streams }: { streams: readonly StreamInfo[] }) {
  const { settings } = useSettings();
  if (streams.length === 0) return <div className="empty small">No files matched yet.</div>;
  return (
    <table className="table streams-table">
      <thead>
        <tr>
          <th>File</th>
          <th>Labels</th>
          <th className="num">Lines</th>
          <th>Time span</th>
          <th>Format</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const progress = progressOf(s.status);
          const year = assumedYearText(s.assumedYear);
          return (
            <tr key={s.id} data-testid="stream-row" data-stream-id={s.id}>
              <td title={s.labels.filename}>
                <span className="stream-name">{baseName(s.labels.filename ?? s.id)}</span>
              </td>
              <td className="labels-cell">
                {Object.entries(s.labels)
                  .filter(([k]) => k !== 'filename')
                  .map(([k, v]) => (
                    <span className="chip" key={k}>
                      {k}={v}
                    </span>
                  ))}
              </td>
              <td className="num">{formatCount(s.lineCount)}</td>
              <td>
                {timeSpanText(s, settings.timeZone)}
                {s.timestampSource === 'mtime' && <div className="muted small">no timestamps in lines: file modification time used</div>}
              </td>
              <td>
                {s.format ?? <span className="muted">unknown</span>}
                {year && <div className="muted small" data-testid="assumed-year">{year}</div>}
              </td>
              <td className="status-cell">
                {progress !== null ? (
                  <div className="progress" title={statusText(s.status)} data-testid="stream-progress">
                    <div className="progress-bar" style={{ width: `${(progress * 100).toFixed(1)}%` }} />
                    <span className="progress-text">{statusText(s.status)}</span>
                  </div>
                ) : (
                  <span className={s.status.state === 'error' ? 'error-text' : 'muted'}>{statusText(s.status)}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import type { TimeZoneSetting } from '../../app/time-format';
import { formatDateTime } from '../../app/time-format';
import type { AlertTimelineRow } from './alert-timeline';

const OUTCOME_TEXT: Record<AlertTimelineRow['outcome'], string> = {
  firing: 'still firing at the end: never resolved',
  pending: 'still pending at the end',
  resolved: 'resolved',
  inactive: 'cleared while pending (never fired)',
};

/** Rows drawn per rule: a rule with a label set per request path would otherwise draw thousands. */
const MAX_ROWS = 50;

/** One row per alert label set: its pending / firing bands on the range, then its transitions. */
export function AlertTimeline({ rows, zone }: { rows: readonly AlertTimelineRow[]; zone: TimeZoneSetting }) {
  if (!rows.length) return <div className="empty small" data-testid="alert-timeline-empty">Never pending or firing in this range.</div>;
  return (
    <div className="alert-timeline">
      {rows.length > MAX_ROWS && (
        <div className="muted small">
          {rows.length} alerts (label sets); the first {MAX_ROWS} are drawn.
        </div>
      )}
      {rows.slice(0, MAX_ROWS).map((r) => (
        <div key={r.key} className="alert-row" data-testid="alert-timeline-row" data-rule={r.rule} data-outcome={r.outcome}>
          <div className="alert-row-head">
            <span className={`alert-outcome ${r.outcome}`} data-testid="alert-outcome">
              {OUTCOME_TEXT[r.outcome]}
            </span>
            <code className="alert-labels" title={r.labelText}>
              {r.labelText}
            </code>
          </div>
          <div className="alert-track" aria-hidden>
            {r.segments.map((s, i) => (
              <div
                key={i}
                className={`alert-band ${s.state}`}
                style={{ left: `${s.left}%`, width: `${s.width}%` }}
                title={`${s.state} ${formatDateTime(s.fromMs, zone)} → ${formatDateTime(s.toMs, zone)}`}
              />
            ))}
            {r.resolved.map((x) => (
              <div key={x.tMs} className="alert-resolved" style={{ left: `${x.left}%` }} title={`resolved ${formatDateTime(x.tMs, zone)}`} />
            ))}
          </div>
          <ol className="alert-transitions">
            {r.transitions.map((t, i) => (
              <li key={i} className={t.state} data-testid="alert-transition" data-state={t.state} data-t={t.tMs}>
                <span className="num">{formatDateTime(t.tMs, zone)}</span> {t.state}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

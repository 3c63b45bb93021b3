import { formatDateTime, type TimeZoneSetting } from '../../app/time-format';
import { nsToMs, showValue } from './trace-diff';

export function Labels({ labels }: { labels: Record<string, string> }) {
  return (
    <span className="pipeline-labels">
      {Object.entries(labels).map(([k, v]) => (
        <span className="chip" key={k}>
          {k}={v}
        </span>
      ))}
    </span>
  );
}

export function KeyValues({ map }: { map: Record<string, unknown> }) {
  const entries = Object.entries(map);
  if (!entries.length) return <span className="muted">—</span>;
  return (
    <span className="pipeline-kv">
      {entries.map(([k, v]) => (
        <span key={k}>
          <b>{k}</b>: {showValue(v)}
        </span>
      ))}
    </span>
  );
}

export function Timestamp({ ns, zone }: { ns: string; zone: TimeZoneSetting }) {
  const ms = nsToMs(ns);
  return <span className="num">{Number.isNaN(ms) ? ns : formatDateTime(ms, zone)}</span>;
}

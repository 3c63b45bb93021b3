import { useMemo } from 'react';
import type { Labels } from '../../../shared/model/labels';
import { Icon } from '../../app/Icon';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { findJson } from '../logs/json-view';
import { levelColor } from '../logs/levels';
import { rowLevel, type ResultRow } from './query-results';

interface Props {
  row: ResultRow;
  timeZone: TimeZoneSetting;
  onClose(): void;
  /** Adds `| name="value"` to the query. */
  onFilter(name: string, value: string): void;
}

function LabelTable({ title, labels, onFilter }: { title: string; labels: Labels | undefined; onFilter?: (name: string, value: string) => void }) {
  if (!labels || Object.keys(labels).length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <table className="kv">
        <tbody>
          {Object.entries(labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>
                  {v}
                  {onFilter && (
                    <button className="link filter-link" onClick={() => onFilter(k, v)} title={`Add | ${k}="${v}" to the query`}>
                      filter
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

/** The selected entry: its labels (stream, parsed, structured metadata), exact time, line, JSON. */
export function ResultDetails({ row, timeZone, onClose, onFilter }: Props) {
  const json = useMemo(() => findJson(row.line), [row.line]);
  const level = rowLevel(row);
  const fields: [string, string][] = [
    ['time', `${formatTimestamp(row.tsMs, timeZone)} ${timeZone === 'utc' ? 'UTC' : 'local'}`],
    ['time (UTC)', new Date(row.tsMs).toISOString()],
    ['epoch ns', row.tsNs],
  ];
  return (
    <aside className="log-details" data-testid="result-details" aria-label="Entry details">
      <header className="panel-header">
        <span className="level-pill" style={{ background: levelColor(level) }}>
          {level}
        </span>
        <span className="grow" />
        <button className="btn btn-ghost btn-sm" onClick={() => void navigator.clipboard?.writeText(row.line)} title="Copy the line">
          Copy
        </button>
        <button className="btn btn-ghost btn-sm" onClick={onClose} title="Close (Esc)" aria-label="Close details">
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="details-scroll">
        <LabelTable title="Stream labels" labels={row.stream} />
        <LabelTable title="Parsed labels" labels={row.parsed} onFilter={onFilter} />
        <LabelTable title="Structured metadata" labels={row.metadata} />
        <h4>Fields</h4>
        <table className="kv">
          <tbody>
            {fields.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h4>Line</h4>
        <pre className="details-line">{row.line}</pre>
        {json && (
          <>
            <h4>JSON {json.prefix && <span className="h4-note">after “{json.prefix.slice(0, 40)}”</span>}</h4>
            <pre className="details-json" data-testid="result-details-json">
              {json.pretty}
            </pre>
          </>
        )}
      </div>
    </aside>
  );
}

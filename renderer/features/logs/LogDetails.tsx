import { useMemo } from 'react';
import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { Icon } from '../../app/Icon';
import { findJson } from './json-view';
import { levelColor } from './levels';

interface Props {
  line: LogLine;
  labels: Labels | undefined;
  timeZone: TimeZoneSetting;
  onClose(): void;
}

/** The selected line: its labels, exact time, and a pretty view when it (or its tail) is JSON. */
export function LogDetails({ line, labels, timeZone, onClose }: Props) {
  const json = useMemo(() => findJson(line.text), [line.text]);
  const fields: [string, string][] = [
    ['time', `${formatTimestamp(line.ts, timeZone)} ${timeZone === 'utc' ? 'UTC' : 'local'}`],
    ['time (UTC)', `${new Date(line.ts).toISOString()}`],
    ['epoch ms', String(line.ts)],
    // lineNo counts from 0 in the API; people count lines from 1, as editors and lnav do.
    ['line', String(line.lineNo + 1)],
    ['bytes', String(line.byteLength)],
  ];
  return (
    <aside className="log-details" data-testid="log-details" aria-label="Line details">
      <header className="panel-header">
        <span className="level-pill" style={{ background: levelColor(line.level) }}>
          {line.level}
        </span>
        <span className="grow" />
        <button className="btn btn-ghost btn-sm" onClick={() => void navigator.clipboard?.writeText(line.text)} title="Copy the line">
          Copy
        </button>
        <button className="btn btn-ghost btn-sm" onClick={onClose} title="Close (Esc)" aria-label="Close details">
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="details-scroll">
        <h4>Labels</h4>
        <table className="kv">
          <tbody>
            {Object.entries(labels ?? {})
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => (
                <tr key={k}>
                  <th>{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
          </tbody>
        </table>
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
        {line.truncated && <p className="notice">This line was cut for display: it is {line.byteLength} bytes long.</p>}
        <h4>Line</h4>
        <pre className="details-line">{line.text}</pre>
        {json && (
          <>
            <h4>
              JSON {json.prefix && <span className="h4-note">after “{json.prefix.slice(0, 40)}”</span>}
            </h4>
            <pre className="details-json" data-testid="log-details-json">
              {json.pretty}
            </pre>
          </>
        )}
      </div>
    </aside>
  );
}

import { useMemo, type ReactNode } from 'react';
import type { Labels } from '../../../shared/model/labels';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { Icon } from '../../app/Icon';
import { findJson } from './json-view';
import { levelColor } from './levels';

/** The two time rows every details panel starts its fields with. */
export function timeFields(tsMs: number, timeZone: TimeZoneSetting): [string, string][] {
  return [
    ['time', `${formatTimestamp(tsMs, timeZone)} ${timeZone === 'utc' ? 'UTC' : 'local'}`],
    ['time (UTC)', new Date(tsMs).toISOString()],
  ];
}

/**
 * A titled table of labels, sorted by name. Hidden when there are none unless `always`;
 * with `onFilter`, each value gets a "filter" link.
 */
export function LabelTable({
  title,
  labels,
  onFilter,
  always = false,
}: {
  title: string;
  labels: Labels | undefined;
  onFilter?: (name: string, value: string) => void;
  always?: boolean;
}) {
  if (!always && (!labels || Object.keys(labels).length === 0)) return null;
  return (
    <>
      <h4>{title}</h4>
      <table className="kv">
        <tbody>
          {Object.entries(labels ?? {})
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

interface Props {
  /** `data-testid` of the panel; the JSON block gets `${testId}-json`. */
  testId: string;
  ariaLabel: string;
  level: string;
  /** The raw line: copied, shown, and pretty-printed when it (or its tail) is JSON. */
  text: string;
  /** Label tables, drawn before the fields. */
  labels: ReactNode;
  fields: [string, string][];
  /** Drawn between the fields and the line. */
  notice?: ReactNode;
  onClose(): void;
}

/** The details panel of a selected line (logs view and Explore results). */
export function DetailsPanel({ testId, ariaLabel, level, text, labels, fields, notice, onClose }: Props) {
  const json = useMemo(() => findJson(text), [text]);
  return (
    <aside className="log-details" data-testid={testId} aria-label={ariaLabel}>
      <header className="panel-header">
        <span className="level-pill" style={{ background: levelColor(level) }}>
          {level}
        </span>
        <span className="grow" />
        <button className="btn btn-ghost btn-sm" onClick={() => void navigator.clipboard?.writeText(text)} title="Copy the line">
          Copy
        </button>
        <button className="btn btn-ghost btn-sm" onClick={onClose} title="Close (Esc)" aria-label="Close details">
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="details-scroll">
        {labels}
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
        {notice}
        <h4>Line</h4>
        <pre className="details-line">{text}</pre>
        {json && (
          <>
            <h4>JSON {json.prefix && <span className="h4-note">after “{json.prefix.slice(0, 40)}”</span>}</h4>
            <pre className="details-json" data-testid={`${testId}-json`}>
              {json.pretty}
            </pre>
          </>
        )}
      </div>
    </aside>
  );
}

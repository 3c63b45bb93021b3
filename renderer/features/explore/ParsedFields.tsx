import { useState } from 'react';
import { formatCount } from '../../app/time-format';
import type { FieldStats } from './parsed-fields';

interface Props {
  fields: readonly FieldStats[];
  total: number;
  onPick(name: string, value: string): void;
}

/**
 * The result's parsed labels (Grafana's "fields"): each name with its most frequent values as
 * bars over the entries shown; a click on a value narrows the query to it.
 */
export function ParsedFields({ fields, total, onPick }: Props) {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string): void =>
    setClosed((c) => {
      const next = new Set(c);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  return (
    <nav className="parsed-fields" aria-label="Parsed fields" data-testid="parsed-fields">
      <div className="panel-header">
        <strong>Parsed fields</strong>
        <span className="muted">{fields.length}</span>
      </div>
      <div className="parsed-list">
        {fields.length === 0 && <div className="empty small">No parsed labels. Add a parser such as <code>| json</code> or <code>| logfmt</code> to the query.</div>}
        {fields.map((f) => (
          <div className="parsed-field" key={f.name} data-testid="parsed-field" data-name={f.name}>
            <button className="parsed-field-head" onClick={() => toggle(f.name)} aria-expanded={!closed.has(f.name)}>
              <span className="parsed-name">{f.name}</span>
              <span className="muted num" title={`${f.distinct} distinct values in ${f.rows} entries`}>
                {formatCount(f.distinct)}
              </span>
            </button>
            {!closed.has(f.name) &&
              f.top.map((v) => {
                const pct = total ? (100 * v.count) / total : 0;
                return (
                  <button
                    className="parsed-value"
                    key={v.value}
                    data-testid="parsed-field-value"
                    data-value={v.value}
                    data-count={v.count}
                    onClick={() => onPick(f.name, v.value)}
                    title={`Add | ${f.name}="${v.value}" to the query`}
                  >
                    <span className="parsed-bar" style={{ width: `${pct}%` }} />
                    <span className="parsed-value-text">{v.value === '' ? '(empty)' : v.value}</span>
                    <span className="num">{formatCount(v.count)}</span>
                  </button>
                );
              })}
          </div>
        ))}
      </div>
    </nav>
  );
}

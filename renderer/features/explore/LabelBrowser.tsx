import { useState } from 'react';
import { escapeRegex, goQuote } from '../../editor/logql-tree';
import type { LokiLabels } from './use-loki-labels';

interface Props {
  labels: LokiLabels;
  /** A stream selector built from the values picked: shown in the editor and run. */
  onShow(selector: string): void;
}

/**
 * Grafana's label browser for a Loki connection with an empty editor: its label names, the
 * values of a name once opened, and "Show logs" for the selector of the values picked (several
 * values of one label become a regex matcher, as Grafana writes them).
 */
export function LabelBrowser({ labels, onShow }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const toggle = (name: string, value: string): void =>
    setPicked((p) => {
      const had = p[name] ?? [];
      const next = had.includes(value) ? had.filter((v) => v !== value) : [...had, value];
      const { [name]: _, ...rest } = p;
      return next.length ? { ...rest, [name]: next } : rest;
    });
  const selector = selectorOf(picked);
  if (labels.error) return <div className="page-error" data-testid="label-browser-error">Could not list the labels of this Loki: {labels.error}</div>;
  if (labels.loading && labels.names.length === 0) return <div className="empty">Loading labels…</div>;
  return (
    <div className="label-browser" data-testid="label-browser">
      <p className="muted">Pick label values to build a stream selector, or type a query above.</p>
      <div className="label-names">
        {labels.names.map((n) => (
          <button key={n} className={`chip${open === n ? ' active' : ''}${picked[n] ? ' picked' : ''}`} data-testid="label-name" onClick={() => setOpen(open === n ? null : n)}>
            {n}
          </button>
        ))}
        {labels.names.length === 0 && <span className="muted">No labels in this time range.</span>}
      </div>
      {open && (
        <div className="label-values" data-testid="label-values">
          {labels.values.get(open) === undefined && <span className="muted">Loading values of {open}…</span>}
          {(labels.values.get(open) ?? []).map((v) => (
            <label key={v} className="toggle">
              <input type="checkbox" data-testid="label-value" checked={picked[open]?.includes(v) ?? false} onChange={() => toggle(open, v)} />
              {v}
            </label>
          ))}
        </div>
      )}
      <div className="label-actions">
        <code data-testid="label-selector">{selector ?? '{}'}</code>
        <button className="btn btn-primary" data-testid="label-show-logs" disabled={!selector} onClick={() => selector && onShow(selector)}>
          Show logs
        </button>
      </div>
    </div>
  );
}

export function selectorOf(picked: Record<string, string[]>): string | null {
  const names = Object.keys(picked).sort();
  if (!names.length) return null;
  const matchers = names.map((n) => {
    const vs = picked[n]!;
    return vs.length === 1 ? `${n}=${goQuote(vs[0]!)}` : `${n}=~${goQuote(vs.map(escapeRegex).join('|'))}`;
  });
  return `{${matchers.join(', ')}}`;
}

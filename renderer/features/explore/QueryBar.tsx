import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LogqlCheck } from '../../../shared/contract/logql';
import { Icon } from '../../app/Icon';
import type { CompletionData } from '../../editor/logql-completions';
import type { Direction } from './query-results';
import type { MetricType } from './use-explore-query';

// Monaco is a big chunk: it loads with the query bar, not with the app shell.
const QueryEditor = lazy(() => import('../../editor/QueryEditor').then((m) => ({ default: m.QueryEditor })));

export const LIMITS = [100, 500, 1000, 2000, 5000];

interface Props {
  text: string;
  onText(text: string): void;
  onRun(): void;
  onCancel(): void;
  running: boolean;
  /** 0..1 while running, when the server said how much there is to scan. */
  progress: number | null;
  error: string | null;
  limit: number;
  onLimit(limit: number): void;
  direction: Direction;
  onDirection(direction: Direction): void;
  history: readonly string[];
  /** A query picked from the history: shown and run. */
  onPickHistory(query: string): void;
  completionData(): CompletionData;
  check(query: string, signal: AbortSignal): Promise<LogqlCheck>;
  onCheck(query: string, result: LogqlCheck | null): void;
  theme: 'dark' | 'light';
  /** A metric query shows its step and type (range / instant) instead of limit and order. */
  kind: 'log' | 'metric';
  step: string;
  onStep(step: string): void;
  metricType: MetricType;
  onMetricType(type: MetricType): void;
  /** The datasource picker, before the editor. */
  source?: ReactNode;
  /** A free line limit (Grafana's Loki editor) instead of the preset choices. */
  freeLimit?: boolean;
  /** More buttons after Run (the live tail of a Loki log query). */
  actions?: ReactNode;
}

/** The LogQL query bar of Explore: editor, Run / Cancel, limit, order, history, errors, progress. */
export function QueryBar(p: Props) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const [step, setStep] = useState(p.step);
  useEffect(() => setStep(p.step), [p.step]);
  const historyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!historyOpen) return;
    const close = (e: MouseEvent): void => {
      if (!historyRef.current?.contains(e.target as Node)) setHistoryOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [historyOpen]);

  return (
    <div className="query-bar">
      <div className="query-row">
        {p.source}
        <div className="query-editor-wrap">
          <Suspense fallback={<div className="query-editor query-editor-loading">Loading editor…</div>}>
            <QueryEditor
              value={p.text}
              onChange={p.onText}
              onRun={p.onRun}
              completionData={p.completionData}
              check={p.check}
              onCheck={p.onCheck}
              theme={p.theme}
              placeholder={'LogQL, e.g. {job="…"} |= "error" | logfmt  ·  Enter runs, Shift+Enter adds a line'}
            />
          </Suspense>
        </div>
        <div className="history" ref={historyRef}>
          <button className="btn btn-icon" data-testid="query-history-toggle" onClick={() => setHistoryOpen((o) => !o)} title="Query history" aria-label="Query history" aria-expanded={historyOpen} disabled={p.history.length === 0}>
            <Icon name="clock" />
          </button>
          {historyOpen && (
            <ul className="history-menu" data-testid="query-history" role="menu">
              {p.history.map((q) => (
                <li key={q}>
                  <button
                    role="menuitem"
                    className="history-item"
                    onClick={() => {
                      setHistoryOpen(false);
                      p.onPickHistory(q);
                    }}
                    title={q}
                  >
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {p.kind === 'metric' ? (
          <>
            {p.freeLimit && <LineLimit limit={p.limit} onLimit={p.onLimit} />}
            <label className="query-option" title="Range: a time series over the time range. Instant: one value per series at its end.">
              Type
              <select className="input" data-testid="query-type" value={p.metricType} onChange={(e) => p.onMetricType(e.target.value as MetricType)}>
                <option value="range">Range</option>
                <option value="instant">Instant</option>
              </select>
            </label>
            {p.metricType === 'range' && (
              <label className="query-option" title="Evaluation step: auto (the server's default), seconds, or a duration such as 30s or 1m">
                Step
                <input
                  className="input query-step"
                  data-testid="query-step"
                  value={step}
                  placeholder="auto"
                  spellCheck={false}
                  onChange={(e) => setStep(e.target.value)}
                  onBlur={() => p.onStep(step)}
                  onKeyDown={(e) => e.key === 'Enter' && p.onStep(step)}
                />
              </label>
            )}
          </>
        ) : (
          <>
            {p.freeLimit ? (
              <LineLimit limit={p.limit} onLimit={p.onLimit} />
            ) : (
            // A line limit typed on a Loki connection stays offered back on the local files.
            <label className="query-option" title="Maximum number of entries (Loki's limit)">
              Limit
              <select className="input" data-testid="query-limit" value={p.limit} onChange={(e) => p.onLimit(Number(e.target.value))}>
                {(LIMITS.includes(p.limit) ? LIMITS : [...LIMITS, p.limit].sort((a, b) => a - b)).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            )}
            <label className="query-option" title="Which end of the time range the entries come from">
              <select className="input" data-testid="query-direction" value={p.direction} onChange={(e) => p.onDirection(e.target.value as Direction)}>
                <option value="backward">Newest first</option>
                <option value="forward">Oldest first</option>
              </select>
            </label>
          </>
        )}
        {p.running ? (
          <button className="btn" data-testid="query-cancel" onClick={p.onCancel} title="Stop the query">
            <span className="spinner" /> Cancel
          </button>
        ) : (
          <button className="btn btn-primary" data-testid="query-run" onClick={p.onRun} title="Run the query (Enter or Ctrl+Enter)">
            Run query
          </button>
        )}
        {p.actions}
      </div>
      {p.running && (
        <div className="query-progress" data-testid="query-progress" role="progressbar" aria-valuemin={0} aria-valuemax={1} aria-valuenow={p.progress ?? undefined}>
          <div className={`query-progress-bar${p.progress === null ? ' indeterminate' : ''}`} style={p.progress === null ? undefined : { width: `${Math.round(p.progress * 100)}%` }} />
        </div>
      )}
      {p.error && (
        <div className="query-error" data-testid="query-error" role="alert">
          {p.error}
        </div>
      )}
    </div>
  );
}

/** Grafana's "Line limit" of the Loki editor: any count from 1 to 5000, applied on Enter or blur. */
function LineLimit({ limit, onLimit }: { limit: number; onLimit(n: number): void }) {
  const [text, setText] = useState(String(limit));
  useEffect(() => setText(String(limit)), [limit]);
  const apply = (): void => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= 5000) onLimit(n);
    else setText(String(limit));
  };
  return (
    <label className="query-option" title="Maximum number of entries Loki returns (1 to 5000), sent with metric queries too">
      Line limit
      <input className="input query-step" data-testid="query-line-limit" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} />
    </label>
  );
}

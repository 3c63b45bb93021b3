import { useEffect, useMemo, type RefObject } from 'react';
import type { StreamInfo } from '../../../shared/contract';
import { useLocation } from '../../app/LocationProvider';
import type { TimeZoneSetting } from '../../app/time-format';
import { formatDateTime } from '../../app/time-format';
import type { ChartTheme } from '../../charts/chart-theme';
import { backtestRange, progressFraction, staleInputs } from './backtest-view';
import { BacktestGroupResult } from './BacktestResults';
import { useBacktest } from './use-alerts';
import type { PipelineChoice } from './use-pipeline-choice';
import { PrometheusSource } from './PrometheusSource';

interface Props {
  rules: string;
  streams: readonly StreamInfo[];
  chosen: readonly string[];
  choice: PipelineChoice;
  /** Set to this panel's run (null while it cannot run): the editor's Ctrl+Enter calls it. */
  runRef: RefObject<(() => void) | null>;
  theme: ChartTheme;
  zone: TimeZoneSetting;
}

/**
 * Back-test: the rule file over the chosen streams and the metrics a pipeline derives from
 * them on log time, over the page's time range (the streams' extent where it is open).
 */
export function BacktestPanel({ rules, streams, chosen, choice, runRef, theme, zone }: Props) {
  const { range } = useLocation();
  const { source, setSource, pasted, setPasted, pipelinesConfig, pipeline, prometheus } = choice;
  const span = useMemo(() => backtestRange(range, streams, chosen), [range, streams, chosen]);
  const { view, ran, start, cancel } = useBacktest();
  const fraction = progressFraction(view);
  const running = view.status === 'running';
  const ranSpan = ran ? { start: ran.start, end: ran.end } : null;

  const canRun = span.ok && (chosen.length > 0 || prometheus !== null) && rules.trim() !== '';
  const run = (): void => {
    if (!span.ok) return;
    start({ rules, streamIds: [...chosen], pipeline, prometheus, start: span.start, end: span.end });
  };
  useEffect(() => {
    runRef.current = canRun ? run : null;
  });
  const stale = ran && span.ok ? staleInputs(ran, { rules, streamIds: [...chosen], pipeline, start: span.start, end: span.end }) : [];

  return (
    <section className="backtest" data-testid="backtest" data-status={view.status}>
      <div className="panel-header">
        <span>Back-test</span>
        <span className="grow" />
        <span className="muted small" data-testid="backtest-range">
          {span.ok ? `${formatDateTime(span.start, zone)} → ${formatDateTime(span.end, zone)}` : span.message}
        </span>
      </div>
      <div className="backtest-controls">
        <fieldset className="backtest-source">
          <legend className="muted small">Metrics from</legend>
          <label>
            <input type="radio" name="pipeline-source" checked={source === 'pipelines'} onChange={() => setSource('pipelines')} data-testid="backtest-source-pipelines" /> the Pipelines page’s pipeline
            {source === 'pipelines' && !pipelinesConfig.trim() && <span className="muted small"> (empty)</span>}
          </label>
          <label>
            <input type="radio" name="pipeline-source" checked={source === 'pasted'} onChange={() => setSource('pasted')} data-testid="backtest-source-pasted" /> a pipeline pasted here
          </label>
          <label>
            <input type="radio" name="pipeline-source" checked={source === 'none'} onChange={() => setSource('none')} data-testid="backtest-source-none" /> none (LogQL rules over the lines)
          </label>
          <PrometheusSource choice={choice} />
        </fieldset>
        {source === 'pasted' && (
          <textarea
            className="input backtest-pipeline"
            data-testid="backtest-pipeline"
            aria-label="Pipeline for the back-test"
            spellCheck={false}
            placeholder={'- regex:\n    expression: ...\n- metrics:\n    ...'}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
        )}
        <div className="backtest-actions">
          <button className="btn btn-primary" data-testid="backtest-run" disabled={!canRun} onClick={run} title={chosen.length ? 'Back-test (Ctrl+Enter in the editor)' : 'Choose streams on the left'}>
            {running ? 'Restart' : 'Back-test'}
          </button>
          {running && (
            <button className="btn" data-testid="backtest-cancel" onClick={cancel}>
              Cancel
            </button>
          )}
          {running && (
            <div className="backtest-progress" data-testid="backtest-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
              <div className={`backtest-progress-bar${fraction === null ? ' indeterminate' : ''}`} style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
              <span className="muted small">{view.progress?.phase ?? 'starting'}</span>
            </div>
          )}
          {view.status === 'done' && (
            <span className="muted small" data-testid="backtest-done">
              {view.evaluations} evaluations in {Math.round(view.elapsedMs)} ms
            </span>
          )}
          {view.status === 'cancelled' && <span className="muted small">Cancelled.</span>}
        </div>
      </div>
      {view.status === 'failed' && <div className="page-error" data-testid="backtest-failure">{view.message}</div>}
      {view.status === 'invalid' && (
        <ul className="pipeline-errors" data-testid="backtest-invalid">
          {view.errors.map((e, i) => (
            <li key={i}>
              <span className="num">
                {e.line}:{e.column}
              </span>{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {ranSpan && (view.status === 'running' || view.status === 'done' || view.status === 'failed' || view.status === 'cancelled') && (
        <div className="backtest-results" data-testid="backtest-results">
          {stale.length > 0 && (
            <div className="pipeline-stale-note muted" data-testid="backtest-stale">
              The {stale.join(', ')} changed since this back-test: run it again to update.
            </div>
          )}
          {view.groups.map((g) => (
            <BacktestGroupResult key={g.group} group={g} range={ranSpan} theme={theme} zone={zone} />
          ))}
        </div>
      )}
    </section>
  );
}

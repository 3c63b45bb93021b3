import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from '../../app/LocationProvider';
import { useSettings } from '../../app/SettingsProvider';
import { errorText } from '../../rpc/errors';
import { useRpcStream } from '../../rpc/hooks';
import { LogPanel } from '../logs/LogPanel';
import { MetricResults } from '../metrics/MetricResults';
import { useDrill } from '../metrics/use-drill';
import { VolumeHistogram } from '../metrics/VolumeHistogram';
import { metricRange } from '../metrics/query-bounds';
import { PrometheusPanel } from './PrometheusPanel';
import { QueryBar } from './QueryBar';
import { QueryResults } from './QueryResults';
import { pruneSelection, viewSignature } from './stream-groups';
import { StreamPicker } from './StreamPicker';
import { DatasourcePicker } from './DatasourcePicker';
import { LabelBrowser } from './LabelBrowser';
import { useDatasource } from './use-datasource';
import { DetectedFields } from './DetectedFields';
import { LiveTail } from './LiveTail';
import { PatternsView } from './PatternsView';
import { lokiBounds } from './datasource';
import { selectorText } from './selector-text';
import { useExploreQuery, type QueryBinding } from './use-explore-query';
import { useStreamSelection } from './use-stream-selection';

const PROM_OPEN_KEY = 'vigie.explore.prometheusPanelOpen';

interface Props {
  /** The main pane keeps its query in the URL's `query`, the right pane of a split in `split`. */
  binding?: QueryBinding;
  /** Split the page (main pane, not split yet). */
  onSplit?(): void;
  /** Close this pane (the right pane of a split). */
  onClose?(): void;
}

/**
 * One Explore pane: a LogQL query bar on top. With a log query, its volume histogram, results
 * and parsed fields; with a metric query, its chart and tables; with an empty editor, the
 * stream browser (pick streams on the left, their lines merged by time). The main pane may
 * have a Prometheus panel below, on the same timeline.
 */
export function ExplorePane({ binding, onSplit, onClose }: Props) {
  const watch = useRpcStream('sources.watch', {});
  const { navigate, range } = useLocation();
  const [promOpen, setPromOpen] = useState(() => window.localStorage.getItem(PROM_OPEN_KEY) === '1');
  const togglePanel = (open: boolean): void => {
    window.localStorage.setItem(PROM_OPEN_KEY, open ? '1' : '0');
    setPromOpen(open);
  };
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useStreamSelection();
  const streams = useMemo(() => watch.data?.streams ?? [], [watch.data]);
  const byId = useMemo(() => new Map(streams.map((s) => [s.id, s])), [streams]);
  const live = useMemo(() => (watch.data ? pruneSelection(chosen, streams) : chosen), [watch.data, chosen, streams]);
  const labelsOf = useCallback((id: string) => byId.get(id)?.labels, [byId]);
  const ds = useDatasource(binding ? 'right' : 'main');
  const q = useExploreQuery(streams, binding, ds.datasource);
  const { shownTheme, settings } = useSettings();
  const drill = useDrill(q.limit, q.direction, q.lokiId ?? undefined);
  // Loki only: the live tail of the query (null: not tailing) and the Logs / Patterns tab.
  const [tail, setTail] = useState<string | null>(null);
  const [tab, setTab] = useState<'logs' | 'patterns'>('logs');
  useEffect(() => setTail(null), [q.lokiId]);
  const runInput = q.run?.input;
  const lokiRange = useMemo(() => lokiBounds({ start: runInput?.start, end: runInput?.end }, Date.now()), [runInput]);
  const { metrics } = q;

  // New lines or a finished index make cached windows stale: refetch what is on screen.
  const signature = useMemo(() => viewSignature(streams, new Set(live)), [streams, live]);
  const lastSignature = useRef<string | null>(null);
  useEffect(() => {
    if (lastSignature.current !== null && lastSignature.current !== signature) void queryClient.invalidateQueries({ queryKey: ['logs.window'] });
    lastSignature.current = signature;
  }, [signature, queryClient]);

  const bar = (
    <QueryBar
      text={q.text}
      onText={q.setText}
      onRun={q.runNow}
      onCancel={q.cancel}
      running={q.running}
      progress={q.progress}
      error={q.error}
      limit={q.limit}
      onLimit={q.setLimit}
      direction={q.direction}
      onDirection={q.setDirection}
      history={q.history}
      onPickHistory={q.pickHistory}
      completionData={q.completionData}
      check={q.check}
      onCheck={q.onCheck}
      theme={shownTheme}
      kind={q.kind}
      step={q.step}
      onStep={q.setStep}
      metricType={q.metricType}
      onMetricType={q.setMetricType}
      source={ds.hasChoice ? <DatasourcePicker value={ds.key} options={ds.options} onChange={ds.choose} /> : undefined}
      freeLimit={q.lokiId !== null}
      actions={
        q.lokiId !== null && q.kind === 'log' ? (
          <button
            className={`btn${tail !== null ? ' btn-primary' : ''}`}
            data-testid="live-tail-toggle"
            disabled={tail === null && !q.text.trim()}
            onClick={() => setTail(tail !== null ? null : q.text.trim())}
            title="Live tail: new lines of this query as Loki receives them"
          >
            {tail !== null ? 'Stop live' : 'Live'}
          </button>
        ) : undefined
      }
    />
  );
  // The Prometheus panel shares the log panel's timeline: the volume histogram's bounds when a
  // log query runs, else the range (or the streams' span when the range is "all time").
  const timeline = metrics.volumeInput ?? metrics.metricInput ?? metricRange(range, streams, '', Date.now());
  const timelineRange = { start: 'start' in timeline ? timeline.start : timeline.time - 3600_000, end: 'end' in timeline ? timeline.end : timeline.time };
  return (
    <div className="explore-page" data-testid={binding ? 'explore-pane-right' : 'explore-pane-main'}>
      {bar}
      <div className={`explore-body${promOpen ? ' with-panel' : ''}`}>
        {tail !== null && q.lokiId !== null ? (
          <LiveTail connectionId={q.lokiId} query={tail} limit={q.limit} start={range.start} timeZone={settings.timeZone} onStop={() => setTail(null)} />
        ) : q.queryMode ? queryView() : q.lokiId !== null ? <LabelBrowser labels={q.lokiLabels} onShow={q.pickHistory} /> : streamBrowser()}
        {promOpen && !onClose && <PrometheusPanel range={timelineRange} theme={shownTheme} utc={settings.timeZone === 'utc'} onZoom={drill.zoom} onClose={() => togglePanel(false)} />}
        <div className="pane-actions">
          {!promOpen && !onClose && (
            <button className="btn btn-sm" data-testid="add-prometheus-panel" onClick={() => togglePanel(true)} title="Chart a PromQL query from a Prometheus connection below the logs, on the same timeline">
              + Prometheus panel
            </button>
          )}
          {onSplit && (
            <button className="btn btn-sm" data-testid="explore-split-open" onClick={onSplit} title="Two queries side by side, on one time range and one cursor">
              Split
            </button>
          )}
          {onClose && (
            <button className="btn btn-sm" data-testid="explore-split-close" onClick={onClose} title="Close this pane">
              Close pane
            </button>
          )}
        </div>
      </div>
    </div>
  );

  function queryView() {
    if (metrics.metricInput) {
      return (
        <MetricResults
          input={metrics.metricInput}
          answer={metrics.metricQuery.data}
          fetching={metrics.metricQuery.isFetching}
          cancelled={metrics.cancelled}
          theme={shownTheme}
          timeZone={settings.timeZone}
          drill={drill}
          onFilter={q.addFilter}
        />
      );
    }
    if (!q.run) return <div className="empty">Fix the query to run it.</div>;
    return (
      <div className="log-results">
        {metrics.volumeInput && (
          <VolumeHistogram
            input={metrics.volumeInput}
            answer={metrics.volumeQuery.data}
            error={metrics.volumeQuery.error}
            fetching={metrics.volumeQuery.isFetching}
            theme={shownTheme}
            utc={settings.timeZone === 'utc'}
            onPick={(t, step) => drill.drillAt(t, step, [])}
            onZoom={drill.zoom}
          />
        )}
        {q.lokiId !== null && (
          <div className="result-tabs" role="tablist">
            <button className={`btn btn-sm${tab === 'logs' ? ' active' : ''}`} role="tab" aria-selected={tab === 'logs'} data-testid="tab-logs" onClick={() => setTab('logs')}>
              Logs
            </button>
            <button className={`btn btn-sm${tab === 'patterns' ? ' active' : ''}`} role="tab" aria-selected={tab === 'patterns'} data-testid="tab-patterns" onClick={() => setTab('patterns')}>
              Patterns
            </button>
          </div>
        )}
        {q.lokiId !== null && tab === 'patterns' ? (
          <PatternsView connectionId={q.lokiId} selector={selectorText(q.run.input.query)} start={lokiRange.start} end={lokiRange.end} />
        ) : (
          <QueryResults
            run={q.run}
            rows={q.rows}
            fields={q.fields}
            onFilter={q.addFilter}
            lokiId={q.lokiId}
            sideExtra={q.lokiId !== null ? <DetectedFields connectionId={q.lokiId} query={q.run.input.query} start={lokiRange.start} end={lokiRange.end} /> : undefined}
          />
        )}
      </div>
    );
  }

  // Called, not rendered as <StreamBrowser/>: a component defined in here would be a new type
  // on every render and remount the log list each time.
  function streamBrowser() {
    if (watch.error && !watch.data) return <div className="page-error">Could not list sources: {errorText(watch.error)}</div>;
    if (!watch.data) return <div className="empty">Loading sources…</div>;
    if (streams.length === 0) {
      return (
        <div className="empty-page">
          <h2>No logs yet</h2>
          <p>Add a folder or a file of logs to explore it.</p>
          <button className="btn btn-primary" onClick={() => navigate('sources')}>
            Add a source
          </button>
        </div>
      );
    }
    return (
      <div className="explore">
        <StreamPicker streams={streams} selected={live} onChange={setChosen} />
        {live.length === 0 ? (
          <div className="empty-page">
            <h2>Choose streams</h2>
            <p>Tick one or more streams on the left to see their lines, merged by time.</p>
            <button className="btn btn-primary" onClick={() => setChosen(streams.map((s) => s.id))}>
              Show all {streams.length} streams
            </button>
          </div>
        ) : (
          <LogPanel streamIds={live} labelsOf={labelsOf} />
        )}
      </div>
    );
  }
}

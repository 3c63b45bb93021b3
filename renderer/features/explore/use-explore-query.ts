import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StreamInfo } from '../../../shared/contract';
import type { LogqlCheck } from '../../../shared/contract/logql';
import { toAppError } from '../../../shared/model/app-error';
import { useLocation } from '../../app/LocationProvider';
import type { CompletionData } from '../../editor/logql-completions';
import { addLabelFilter } from '../../editor/logql-splice';
import { errorText, isCancelled } from '../../rpc/errors';
import { useRpc } from '../../rpc/RpcProvider';
import { parsedFieldStats, parsedValueCounts } from './parsed-fields';
import { loadHistory, pushHistory, saveHistory } from './query-history';
import { sortRows, type Direction } from './query-results';
import { useLogQuery } from './use-log-query';
import { queryKindOf, type QueryKind } from '../metrics/drill-query';
import { metricRange } from '../metrics/query-bounds';
import { parseStep } from '../metrics/step-input';
import { useMetricRuns } from '../metrics/use-metric-runs';
import { lokiBounds, LOCAL, type Datasource } from './datasource';
import { useLokiLabels } from './use-loki-labels';
import { equalityScope } from './selector-text';

export type MetricType = 'range' | 'instant';

/** Values offered per parsed label in completion: plenty for a list, bounded for 5000 rows. */
const COMPLETION_VALUES = 200;

/** What a failed run shows under the editor: Loki's own words for a bad query. */
function runErrorText(e: unknown): string {
  const err = toAppError(e);
  return err.code === 'bad_input' ? err.message : errorText(err);
}

/**
 * Explore's query state: the editor text (mirrored in the URL), limit and order, history,
 * the `logql.check` answers, the run (`logql.query`, or `logql.metric` when the query is a
 * metric query, with `logql.volume` beside a log query) and what the UI derives from it.
 */
export interface QueryBinding {
  /** Where the pane's query is kept (the URL's `query` for the main pane, `split` for the right one). */
  query: string;
  setQuery(query: string): void;
}

/**
 * `datasource`: the local files, or a Loki connection (same runs and views through `loki.*`;
 * completion from its labels; a query the local check refuses still goes to Loki, so the
 * error shown is Loki's own).
 */
export function useExploreQuery(streams: readonly StreamInfo[], binding?: QueryBinding, datasource: Datasource = LOCAL) {
  const { client } = useRpc();
  const location = useLocation();
  const { range } = location;
  const urlQuery = binding ? binding.query : location.query;
  const setQuery = binding ? binding.setQuery : location.setQuery;
  const [text, setText] = useState(urlQuery);
  const [limit, setLimit] = useState(1000);
  const [direction, setDirection] = useState<Direction>('backward');
  const [history, setHistory] = useState<string[]>(() => loadHistory(window.localStorage));
  const [checkError, setCheckError] = useState<string | null>(null);
  const { run, start, cancel: cancelLog, clear: clearLog } = useLogQuery();
  const metrics = useMetricRuns();
  const [kind, setKind] = useState<QueryKind>('log');
  const [step, setStep] = useState('');
  const [metricType, setMetricType] = useState<MetricType>('range');
  const streamsRef = useRef(streams);
  streamsRef.current = streams;
  // What the last Run used: a change of any of these re-runs the query on screen.
  const lastParams = useRef<string | null>(null);
  const lokiId = datasource.kind === 'loki' ? datasource.connectionId : null;
  const params = JSON.stringify([range.start, range.end, limit, direction, step, metricType, ...(lokiId === null ? [] : [lokiId])]);
  // The matchers typed so far scope completion's label values; a new object only when they change.
  const scopeNow = lokiId === null ? null : equalityScope(text);
  const scope = useMemo(() => scopeNow, [scopeNow?.selector]); // eslint-disable-line react-hooks/exhaustive-deps -- the selector is the identity
  const lokiLabels = useLokiLabels(lokiId, range, scope);
  const clearMetrics = metrics.clear;
  const clear = useCallback(() => {
    clearLog();
    clearMetrics();
  }, [clearLog, clearMetrics]);
  const lastCheck = useRef<{ query: string; result: LogqlCheck | null } | null>(null);
  const textRef = useRef(text);
  textRef.current = text;

  const rows = useMemo(() => (run ? sortRows(run.rows, (run.input.direction ?? 'backward') as Direction) : []), [run?.rows, run?.version, run?.input]);
  const fields = useMemo(() => parsedFieldStats(rows), [rows]);
  const completion = useRef<CompletionData>({ streams: [] });
  completion.current = useMemo(() => {
    const parsed = new Map<string, string[]>();
    for (const [name, values] of parsedValueCounts(rows)) parsed.set(name, values.slice(0, COMPLETION_VALUES).map((v) => v.value));
    return { streams: lokiId === null ? streams : lokiLabels.sets, parsed };
  }, [streams, rows, lokiId, lokiLabels.sets]);
  const completionData = useCallback(() => completion.current, []);

  const check = useCallback((query: string, signal: AbortSignal) => client.call('logql.check', { query }, { signal }), [client]);
  const onCheck = useCallback((query: string, result: LogqlCheck | null) => {
    lastCheck.current = { query, result };
    if (result?.ok) setKind(result.kind);
    // A fixed query clears the error shown by the last Run.
    if (!result || result.ok) setCheckError(null);
  }, []);

  const execute = useCallback(
    async (raw: string) => {
      const query = raw.trim();
      setQuery(query);
      if (!query) {
        clear();
        lastParams.current = null;
        setCheckError(null);
        return;
      }
      setHistory((h) => {
        const next = pushHistory(h, query);
        saveHistory(window.localStorage, next);
        return next;
      });
      let verdict = lastCheck.current?.query.trim() === query ? lastCheck.current.result : null;
      if (!verdict) verdict = await check(query, new AbortController().signal).catch(() => null); // no verdict: let the query answer
      if (textRef.current.trim() !== query) return; // edited while checking: the next Run decides
      if (verdict && !verdict.ok && lokiId === null) {
        clear();
        setCheckError(verdict.error.message);
        return;
      }
      const k = verdict?.ok ? verdict.kind : (queryKindOf(query) ?? 'log');
      setKind(k);
      lastParams.current = params;
      const bounds = lokiId === null ? metricRange(range, streamsRef.current, query, Date.now()) : lokiBounds(range, Date.now());
      const loki = lokiId === null ? undefined : { connectionId: lokiId };
      if (k === 'log') {
        setCheckError(null);
        start({ query, limit, direction, start: range.start, end: range.end }, lokiId ?? undefined);
        // A query the local check refuses goes to Loki for its own error; no volume for it.
        if (verdict?.ok === false) metrics.clear();
        else metrics.runVolume({ query, ...bounds }, loki);
        return;
      }
      const s = parseStep(step);
      if (!s.ok) {
        clear();
        setCheckError(s.message);
        return;
      }
      setCheckError(null);
      clearLog();
      // On Loki the line limit goes with metric queries too, as Grafana sends it.
      metrics.runMetric(metricType === 'instant' ? { kind: 'instant', query, time: bounds.end } : { kind: 'range', query, ...bounds, ...(s.seconds ? { step: s.seconds } : {}) }, loki && { ...loki, limit });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- metrics' callbacks are stable
    [setQuery, clear, check, start, limit, direction, range, step, metricType, params, clearLog, lokiId],
  );

  const runNow = useCallback(() => void execute(textRef.current), [execute]);
  const cancel = useCallback(() => {
    cancelLog();
    metrics.cancel();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- metrics.cancel is stable
  }, [cancelLog]);
  const pickHistory = useCallback(
    (q: string) => {
      setText(q);
      textRef.current = q;
      void execute(q);
    },
    [execute],
  );
  const addFilter = useCallback(
    (name: string, value: string) => {
      const next = addLabelFilter(textRef.current, name, value);
      if (next === null) return;
      setText(next);
      textRef.current = next;
      void execute(next);
    },
    [execute],
  );

  // The URL's query runs on arrival (StrictMode-safe: the remount's cleanup cancelled the first).
  useEffect(() => {
    if (textRef.current.trim()) runNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only
  }, []);
  // A new time range, limit, order, step or query type re-runs the query on screen.
  useEffect(() => {
    if ((run || metrics.metricInput) && lastParams.current !== null && lastParams.current !== params) runNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only these inputs trigger a run
  }, [params]);

  // Emptying the editor goes back to browsing streams.
  useEffect(() => {
    if (text.trim() === '' && (run || metrics.metricInput)) {
      clear();
      setCheckError(null);
      setQuery('');
    }
  }, [text, run, metrics.metricInput, clear, setQuery]);

  const metricFailure = metrics.metricInput && metrics.metricQuery.error && !isCancelled(metrics.metricQuery.error) ? runErrorText(metrics.metricQuery.error) : null;
  const running = run?.status === 'running' || (metrics.metricInput !== null && metrics.metricQuery.isFetching);
  // Nothing scanned yet reads as "working" (an indeterminate bar), not as an empty 0 % bar.
  const p = run?.progress;
  const chunks = run?.chunks;
  const progress = chunks ? chunks.done / chunks.total : p && p.bytesTotal > 0 && p.bytesDone > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
  const error = checkError ?? metricFailure ?? (run?.status === 'error' && run.error ? runErrorText(run.error) : null);
  return {
    text,
    setText,
    limit,
    setLimit,
    direction,
    setDirection,
    history,
    run,
    rows,
    fields,
    running,
    progress,
    error,
    /** Results (or an error) replace the stream view while the editor holds a query. */
    queryMode: text.trim() !== '' && (run !== null || metrics.metricInput !== null || checkError !== null),
    kind,
    step,
    setStep,
    metricType,
    setMetricType,
    metrics,
    runNow,
    cancel,
    pickHistory,
    addFilter,
    check,
    onCheck,
    completionData,
    lokiId,
    lokiLabels,
    warnings: run?.warnings ?? [],
  };
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StreamInfo } from '../../../shared/contract';
import type { LogqlCheck } from '../../../shared/contract/logql';
import { toAppError } from '../../../shared/model/app-error';
import { useLocation } from '../../app/LocationProvider';
import type { CompletionData } from '../../editor/logql-completions';
import { addLabelFilter } from '../../editor/logql-splice';
import { errorText } from '../../rpc/errors';
import { useRpc } from '../../rpc/RpcProvider';
import { parsedFieldStats, parsedValueCounts } from './parsed-fields';
import { loadHistory, pushHistory, saveHistory } from './query-history';
import { sortRows, type Direction } from './query-results';
import { useLogQuery } from './use-log-query';

/** Values offered per parsed label in completion: plenty for a list, bounded for 5000 rows. */
const COMPLETION_VALUES = 200;

/** What a failed run shows under the editor: Loki's own words for a bad query. */
function runErrorText(e: unknown): string {
  const err = toAppError(e);
  return err.code === 'bad_input' ? err.message : errorText(err);
}

/**
 * Explore's query state: the editor text (mirrored in the URL), limit and order, history,
 * the `logql.check` answers, the run (`logql.query`) and what the UI derives from it.
 */
export function useExploreQuery(streams: readonly StreamInfo[]) {
  const { client } = useRpc();
  const { range, query: urlQuery, setQuery } = useLocation();
  const [text, setText] = useState(urlQuery);
  const [limit, setLimit] = useState(1000);
  const [direction, setDirection] = useState<Direction>('backward');
  const [history, setHistory] = useState<string[]>(() => loadHistory(window.localStorage));
  const [checkError, setCheckError] = useState<string | null>(null);
  const { run, start, cancel, clear } = useLogQuery();
  const lastCheck = useRef<{ query: string; result: LogqlCheck | null } | null>(null);
  const textRef = useRef(text);
  textRef.current = text;

  const rows = useMemo(() => (run ? sortRows(run.rows, (run.input.direction ?? 'backward') as Direction) : []), [run?.rows, run?.version, run?.input]);
  const fields = useMemo(() => parsedFieldStats(rows), [rows]);
  const completion = useRef<CompletionData>({ streams: [] });
  completion.current = useMemo(() => {
    const parsed = new Map<string, string[]>();
    for (const [name, values] of parsedValueCounts(rows)) parsed.set(name, values.slice(0, COMPLETION_VALUES).map((v) => v.value));
    return { streams, parsed };
  }, [streams, rows]);
  const completionData = useCallback(() => completion.current, []);

  const check = useCallback((query: string, signal: AbortSignal) => client.call('logql.check', { query }, { signal }), [client]);
  const onCheck = useCallback((query: string, result: LogqlCheck | null) => {
    lastCheck.current = { query, result };
    // A fixed query clears the error shown by the last Run.
    if (!result || result.ok) setCheckError(null);
  }, []);

  const execute = useCallback(
    async (raw: string) => {
      const query = raw.trim();
      setQuery(query);
      if (!query) {
        clear();
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
      if (verdict && !verdict.ok) {
        clear();
        setCheckError(verdict.error.message);
        return;
      }
      setCheckError(null);
      start({ query, limit, direction, start: range.start, end: range.end });
    },
    [setQuery, clear, check, start, limit, direction, range],
  );

  const runNow = useCallback(() => void execute(textRef.current), [execute]);
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
  // A new time range, limit or order re-runs the query on screen.
  useEffect(() => {
    const i = run?.input;
    if (i && (i.limit !== limit || i.direction !== direction || i.start !== range.start || i.end !== range.end)) runNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only these inputs trigger a run
  }, [range, limit, direction]);

  // Emptying the editor goes back to browsing streams.
  useEffect(() => {
    if (text.trim() === '' && run) {
      clear();
      setCheckError(null);
      setQuery('');
    }
  }, [text, run, clear, setQuery]);

  const running = run?.status === 'running';
  // Nothing scanned yet reads as "working" (an indeterminate bar), not as an empty 0 % bar.
  const p = run?.progress;
  const progress = p && p.bytesTotal > 0 && p.bytesDone > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
  const error = checkError ?? (run?.status === 'error' && run.error ? runErrorText(run.error) : null);
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
    queryMode: text.trim() !== '' && (run !== null || checkError !== null),
    runNow,
    cancel,
    pickHistory,
    addFilter,
    check,
    onCheck,
    completionData,
  };
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TimeRange } from '../../shared/contract';
import { formatHash, parseHash, type HashState, type Page } from './hash-state';
import { useSettings } from './SettingsProvider';
import { resolveRange, type TimeRangeSpec } from './time-range';

interface LocationValue {
  page: Page;
  navigate(page: Page): void;
  rangeSpec: TimeRangeSpec;
  /** `push`: a history entry, so Back returns to the previous range (drill-down, zoom). */
  setRange(spec: TimeRangeSpec, options?: { push?: boolean }): void;
  /** The spec resolved to epoch ms when it was applied (or refreshed). */
  range: TimeRange;
  rangeError: string | null;
  /** Re-resolves relative ranges against the current time. */
  refresh(): void;
  /** Explore's query as in the URL ('' when none). */
  query: string;
  /** Replaces the query in the URL (no history entry: the query history keeps old ones). */
  setQuery(query: string): void;
  /** Explore's right pane query when split ('' empty), undefined when not split. */
  split: string | undefined;
  /** Opens (a string) or closes (undefined) the split, or replaces the right pane's query. */
  setSplit(query: string | undefined): void;
}

const LocationContext = createContext<LocationValue | null>(null);

/** Page and time range: one React context, mirrored in the URL hash so they survive reload. */
export function LocationProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<HashState>(() => parseHash(window.location.hash));
  const [resolvedAt, setResolvedAt] = useState(() => Date.now());
  const { settings } = useSettings();

  useEffect(() => {
    const onHash = (): void => setState(parseHash(window.location.hash));
    // Back over a pushed range: popstate always fires, hashchange only if the hash differs.
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  // Page changes push a history entry (Back works); range edits replace it.
  const commit = useCallback((next: HashState, push: boolean) => {
    setState(next);
    const hash = formatHash(next);
    if (window.location.hash === hash) return;
    if (push) window.history.pushState(null, '', hash);
    else window.history.replaceState(window.history.state, '', hash);
  }, []);

  const navigate = useCallback((page: Page) => commit({ ...state, page }, true), [commit, state]);
  const setRange = useCallback(
    (spec: TimeRangeSpec, options?: { push?: boolean }) => {
      setResolvedAt(Date.now());
      commit({ ...state, range: spec }, options?.push ?? false);
    },
    [commit, state],
  );
  const refresh = useCallback(() => setResolvedAt(Date.now()), []);
  const setQuery = useCallback((query: string) => commit({ ...state, query: query.trim() ? query : undefined }, false), [commit, state]);
  const setSplit = useCallback(
    (split: string | undefined) => {
      const { split: _old, ...rest } = state;
      commit(split === undefined ? rest : { ...rest, split }, false);
    },
    [commit, state],
  );

  const resolved = useMemo(() => resolveRange(state.range, resolvedAt, settings.timeZone === 'utc'), [state.range, resolvedAt, settings.timeZone]);
  const value = useMemo<LocationValue>(
    () => ({
      page: state.page,
      navigate,
      rangeSpec: state.range,
      setRange,
      range: resolved.ok ? resolved.range : {},
      rangeError: resolved.ok ? null : resolved.message,
      refresh,
      query: state.query ?? '',
      setQuery,
      split: state.split,
      setSplit,
    }),
    [state, navigate, setRange, resolved, refresh, setQuery, setSplit],
  );
  return <LocationContext.Provider value={value}>{children}</LocationContext.Provider>;
}

export function useLocation(): LocationValue {
  const v = useContext(LocationContext);
  if (!v) throw new Error('useLocation outside <LocationProvider>');
  return v;
}

import { useCallback, useState } from 'react';

export interface PanelState {
  connectionId: string;
  query: string;
}

const KEY = 'vigie.explore.prometheusPanel';

/** Parses what was stored; anything unreadable is a fresh panel (never throws on a bad value). */
export function readPanelState(raw: string | null): PanelState {
  try {
    const v = JSON.parse(raw ?? '') as Partial<PanelState>;
    return { connectionId: typeof v.connectionId === 'string' ? v.connectionId : '', query: typeof v.query === 'string' ? v.query : '' };
  } catch {
    return { connectionId: '', query: '' };
  }
}

/** The panel's connection and last run query, kept across reloads (no secrets: an id and a query). */
export function usePanelState(): [PanelState, (s: PanelState) => void] {
  const [state, set] = useState(() => readPanelState(window.localStorage.getItem(KEY)));
  const update = useCallback((s: PanelState) => {
    window.localStorage.setItem(KEY, JSON.stringify(s));
    set(s);
  }, []);
  return [state, update];
}

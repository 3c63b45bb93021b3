import { useCallback, useState } from 'react';

const KEY = 'vigie.explore.streams';

function load(): string[] {
  try {
    const v: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The chosen stream ids; kept in sessionStorage so leaving Explore and coming back keeps them. */
export function useStreamSelection(): [string[], (next: string[]) => void] {
  const [ids, setIds] = useState<string[]>(load);
  const set = useCallback((next: string[]) => {
    setIds(next);
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // storage disabled: the choice lasts while the page is open
    }
  }, []);
  return [ids, set];
}

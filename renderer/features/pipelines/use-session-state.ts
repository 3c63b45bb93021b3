import { useCallback, useState } from 'react';

/** State kept in sessionStorage, so leaving the page and coming back keeps the pipeline and streams. */
export function useSessionState<T>(key: string, initial: T, valid: (v: unknown) => v is T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(key);
      const v: unknown = raw === null ? initial : JSON.parse(raw);
      return valid(v) ? v : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.sessionStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage disabled: kept while the page is open
      }
    },
    [key],
  );
  return [value, set];
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { createTimeCursor, type CursorAt, type TimeCursor } from './time-cursor';

const Ctx = createContext<TimeCursor | null>(null);

/** One cursor for the whole window: every panel of every page on one timeline. */
export function TimeCursorProvider({ children }: { children: ReactNode }) {
  const cursor = useMemo(createTimeCursor, []);
  return <Ctx.Provider value={cursor}>{children}</Ctx.Provider>;
}

/** The shared cursor (a fresh private one outside the provider, so a panel in a test still works). */
export function useTimeCursorStore(): TimeCursor {
  const shared = useContext(Ctx);
  const own = useMemo(createTimeCursor, []);
  return shared ?? own;
}

/** Where the cursor is now; the component re-renders when it moves. */
export function useTimeCursor(): CursorAt | null {
  const store = useTimeCursorStore();
  return useSyncExternalStore(store.subscribe, store.get);
}

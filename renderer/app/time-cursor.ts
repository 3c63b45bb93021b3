/**
 * The one time cursor every panel shares (issue #8: "one time range and one cursor for all
 * panels"): a chart under the pointer publishes its time, a hovered log row publishes its
 * own, and every other panel draws a marker there. A plain store, not React state, so a
 * pointer moving over a chart re-renders only the panels that subscribe, once per frame.
 */
export interface CursorAt {
  /** Unix ms. */
  t: number;
  /** Which panel set it: that panel does not follow its own cursor (no scrolling under the pointer). */
  source: string;
}

export interface TimeCursor {
  get(): CursorAt | null;
  set(at: CursorAt | null): void;
  subscribe(listener: () => void): () => void;
}

export function createTimeCursor(): TimeCursor {
  let current: CursorAt | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(at) {
      if (at === current || (at && current && at.t === current.t && at.source === current.source)) return;
      current = at;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * The index of the row whose time is nearest `t` in rows sorted by time (ascending or
 * descending, as a forward or backward query returns them); -1 when there are none. Ties go
 * to the first such row in list order.
 */
export function nearestRowIndex(times: (i: number) => number, n: number, t: number): number {
  if (n === 0) return -1;
  const ascending = times(0) <= times(n - 1);
  // First index whose time is at or past t in list order.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const past = ascending ? times(mid) >= t : times(mid) <= t;
    if (past) hi = mid;
    else lo = mid + 1;
  }
  if (lo === n) return n - 1;
  if (lo === 0) return 0;
  return Math.abs(times(lo - 1) - t) <= Math.abs(times(lo) - t) ? lo - 1 : lo;
}

/**
 * What the live tail shows: lines in arrival order, at most `keep` (the oldest leave first).
 * While paused, new lines are held back and shown on resume, so nothing is lost.
 */
export interface TailBuffer<T> {
  shown: readonly T[];
  held: readonly T[];
  paused: boolean;
}

export const emptyTail = <T>(): TailBuffer<T> => ({ shown: [], held: [], paused: false });

export function tailPush<T>(b: TailBuffer<T>, fresh: readonly T[], keep: number): TailBuffer<T> {
  if (fresh.length === 0) return b;
  if (b.paused) return { ...b, held: [...b.held, ...fresh].slice(-keep) };
  return { ...b, shown: [...b.shown, ...fresh].slice(-keep) };
}

export function tailPause<T>(b: TailBuffer<T>, paused: boolean, keep: number): TailBuffer<T> {
  if (paused) return { ...b, paused: true };
  return { shown: [...b.shown, ...b.held].slice(-keep), held: [], paused: false };
}

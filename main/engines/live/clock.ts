/** The time the live engine runs on, injected: the wall clock in the app, a fake one in tests. */
export interface Clock {
  /** Unix ms. */
  now(): number;
  /** Calls fn once after delayMs; the returned function cancels it. */
  setTimer(fn: () => void, delayMs: number): () => void;
}

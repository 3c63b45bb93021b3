/**
 * Turns "something changed" notifications into an async iterable of snapshots for an RPC
 * stream: the first snapshot at once, then at most one per `intervalMs` while changes keep
 * coming (indexing progress fires often; the UI needs a few frames a second, not thousands).
 */
export async function* throttledSnapshots<T>(
  subscribe: (onChange: () => void) => () => void,
  snapshot: () => T,
  signal: AbortSignal,
  intervalMs = 200,
): AsyncGenerator<T> {
  let dirty = true;
  let wake: (() => void) | null = null;
  const unsubscribe = subscribe(() => {
    dirty = true;
    wake?.();
  });
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal.aborted) {
      if (dirty) {
        dirty = false;
        yield snapshot();
        await new Promise<void>((r) => setTimeout(r, intervalMs));
        continue;
      }
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}

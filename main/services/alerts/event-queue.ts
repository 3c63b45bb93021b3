/**
 * Lets a handler stream what long work reports while it runs: the work pushes events, the
 * handler's async generator yields them as they come and ends with the work's result.
 */
export class EventQueue<T> {
  private items: T[] = [];
  private wake: (() => void) | null = null;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  /** Yields pushed events until `work` settles (then the rest), and returns its value. */
  async *drain<R>(work: Promise<R>): AsyncGenerator<T, R> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
      this.wake?.();
    });
    // A rejection is rethrown below, not reported as unhandled.
    done.catch(() => undefined);
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (settled) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return await done;
  }
}

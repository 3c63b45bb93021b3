/**
 * Fan-out of live notifications to the renderer's `live.notifications` subscriptions: each
 * subscriber gets what is decided after it subscribed, in order, buffered (bounded) while it
 * is slow, until it unsubscribes.
 */
import type { LiveNotification } from '../../../shared/contract/live';

const MAX_BUFFERED = 500;

export class NotificationHub {
  private readonly subscribers = new Set<{ queue: LiveNotification[]; wake: (() => void) | null }>();

  publish(n: LiveNotification): void {
    for (const s of this.subscribers) {
      s.queue.push(n);
      if (s.queue.length > MAX_BUFFERED) s.queue.shift();
      s.wake?.();
    }
  }

  async *subscribe(signal: AbortSignal): AsyncGenerator<LiveNotification> {
    const sub = { queue: [] as LiveNotification[], wake: null as (() => void) | null };
    this.subscribers.add(sub);
    const onAbort = () => sub.wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        const next = sub.queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((r) => (sub.wake = r));
        sub.wake = null;
      }
    } finally {
      this.subscribers.delete(sub);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

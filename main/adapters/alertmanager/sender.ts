/**
 * Sends alerts to Alertmanager as Prometheus' notifier does: a bounded queue (10,000 alerts; the
 * oldest dropped when full), batches of at most 256 per POST /api/v2/alerts, one request at a
 * time, no retry (Prometheus counts the failure; the rule re-sends firing alerts every
 * resendDelay and resolved ones for 15 minutes, which is the retry). The last outcome is kept
 * for the UI.
 */
import type { PostableAlert } from '../../engines/live/am-alerts';
import type { AlertmanagerClient } from './client';

export const QUEUE_CAPACITY = 10_000;
export const MAX_BATCH = 256;

export type SenderStatus =
  | { state: 'idle'; sent: number; dropped: number; errors: number; lastError: string | null; lastSentAtMs: number | null }
  | { state: 'sending'; sent: number; dropped: number; errors: number; lastError: string | null; lastSentAtMs: number | null };

export class AlertmanagerSender {
  private queue: PostableAlert[] = [];
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private counts = { sent: 0, dropped: 0, errors: 0, lastError: null as string | null, lastSentAtMs: null as number | null };

  constructor(private readonly client: AlertmanagerClient, private readonly now: () => number = Date.now) {}

  send(alerts: PostableAlert[]): void {
    if (alerts.length === 0 || this.abort.signal.aborted) return;
    this.queue.push(...alerts);
    if (this.queue.length > QUEUE_CAPACITY) {
      this.counts.dropped += this.queue.length - QUEUE_CAPACITY;
      this.queue = this.queue.slice(this.queue.length - QUEUE_CAPACITY);
    }
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  status(): SenderStatus {
    return { state: this.running ? 'sending' : 'idle', ...this.counts };
  }

  /** Resolves once the queue is empty (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.abort.abort();
    this.queue = [];
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.abort.signal.aborted) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const r = await this.client.postAlerts(batch, this.abort.signal);
      if (r.ok) {
        this.counts.sent += batch.length;
        this.counts.lastSentAtMs = this.now();
        this.counts.lastError = null;
      } else {
        this.counts.errors++;
        this.counts.dropped += batch.length;
        this.counts.lastError = r.error;
      }
    }
  }
}

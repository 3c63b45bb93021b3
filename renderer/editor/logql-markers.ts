import type { LogqlCheck, QueryError } from '../../shared/contract/logql';
import type { Span } from './logql-tree';

/** Where a server error is marked: its span, or one character when the span is empty. */
export function markerSpan(error: Pick<QueryError, 'from' | 'to'>, length: number): Span {
  const from = Math.max(0, Math.min(error.from, length));
  const to = Math.max(from, Math.min(error.to, length));
  if (to > from) return { from, to };
  // An empty span (e.g. "unexpected end of input") still needs something to underline.
  if (from < length) return { from, to: from + 1 };
  return { from: Math.max(0, length - 1), to: length };
}

export interface Checker {
  /** The text changed: check it after the quiet period. */
  update(query: string): void;
  dispose(): void;
}

/**
 * Debounced `logql.check`: one call per pause in typing; an answer for a text that is no
 * longer current is dropped (answers can arrive out of order). `onResult(null)` clears.
 */
export function createChecker(
  check: (query: string, signal: AbortSignal) => Promise<LogqlCheck>,
  onResult: (query: string, result: LogqlCheck | null) => void,
  delayMs = 250,
): Checker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let inflight: AbortController | null = null;
  let disposed = false;
  return {
    update(query) {
      clearTimeout(timer);
      const mine = ++seq;
      inflight?.abort();
      inflight = null;
      if (query.trim() === '') {
        onResult(query, null);
        return;
      }
      timer = setTimeout(() => {
        const ctl = new AbortController();
        inflight = ctl;
        check(query, ctl.signal).then(
          (r) => {
            if (!disposed && mine === seq) onResult(query, r);
          },
          () => {
            // A failed or cancelled check says nothing about the query: keep what is shown.
          },
        );
      }, delayMs);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      inflight?.abort();
    },
  };
}

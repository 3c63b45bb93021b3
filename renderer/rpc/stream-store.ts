import type { VigieContract } from '../../shared/contract';
import type { AppError } from '../../shared/model/app-error';
import type { InputOf, OutputOf, StreamNames } from '../../shared/rpc/define';
import type { VigieClient } from './connect';

export interface StreamState<T> {
  data: T | undefined;
  error: AppError | undefined;
  ended: boolean;
}

export interface StreamStore<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamState<T>;
}

/**
 * A contract stream as an external store (for useSyncExternalStore): it subscribes to the
 * server on its first listener and unsubscribes after its last, so many components watching
 * `sources.watch` share one server subscription. The latest value wins.
 */
export function createStreamStore<N extends StreamNames<VigieContract>>(
  client: VigieClient,
  name: N,
  input: InputOf<VigieContract[N]>,
  onIdle?: () => void,
): StreamStore<OutputOf<VigieContract[N]>> {
  type T = OutputOf<VigieContract[N]>;
  let state: StreamState<T> = { data: undefined, error: undefined, ended: false };
  const listeners = new Set<() => void>();
  let stop: (() => void) | null = null;
  const set = (next: StreamState<T>): void => {
    state = next;
    for (const l of [...listeners]) l();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stop) {
        stop = client.subscribe(name, input, {
          next: (value) => set({ data: value, error: undefined, ended: false }),
          end: (error) => set({ data: state.data, error, ended: true }),
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stop) {
          stop();
          stop = null;
          onIdle?.();
        }
      };
    },
    getSnapshot: () => state,
  };
}

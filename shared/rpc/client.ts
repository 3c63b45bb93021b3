import { AppFailure, appError, type AppError } from '../model/app-error';
import type { Contract, InputOf, OutputOf, ProcedureNames, StreamNames } from './define';
import type { ClientMessage, ServerMessage } from './protocol';
import { isServerMessage } from './protocol';
import type { Transport } from './transport';

export interface CallOptions {
  /** Aborting sends a cancel to the server, which aborts the handler (react-query passes its signal here). */
  signal?: AbortSignal;
}

export interface SubscribeHandlers<T> {
  next(value: T): void;
  end?(error?: AppError): void;
}

export interface RpcClient<C extends Contract> {
  call<N extends ProcedureNames<C>>(name: N, input: InputOf<C[N]>, options?: CallOptions): Promise<OutputOf<C[N]>>;
  subscribe<N extends StreamNames<C>>(name: N, input: InputOf<C[N]>, handlers: SubscribeHandlers<OutputOf<C[N]>>): () => void;
  close(): void;
}

type Pending =
  | { kind: 'call'; resolve: (v: unknown) => void; reject: (e: AppFailure) => void }
  | { kind: 'stream'; handlers: SubscribeHandlers<unknown> };

/** A typed client for a contract over any transport. Rejections are always AppFailure. */
export function createClient<C extends Contract>(_contract: C, transport: Transport<ServerMessage, ClientMessage>): RpcClient<C> {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  transport.onMessage((m) => {
    if (!isServerMessage(m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.t === 'result' && p.kind === 'call') {
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new AppFailure(m.error));
    } else if (m.t === 'event' && p.kind === 'stream') {
      p.handlers.next(m.value);
    } else if (m.t === 'end' && p.kind === 'stream') {
      pending.delete(m.id);
      p.handlers.end?.(m.error);
    }
  });
  transport.onClose(() => {
    closed = true;
    const error = appError('internal', 'connection to the Vigie service closed');
    for (const p of pending.values()) {
      if (p.kind === 'call') p.reject(new AppFailure(error));
      else p.handlers.end?.(error);
    }
    pending.clear();
  });

  return {
    call(name, input, options) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new AppFailure(appError('internal', 'connection to the Vigie service closed')));
        const signal = options?.signal;
        if (signal?.aborted) return reject(new AppFailure(appError('cancelled', 'cancelled')));
        const id = nextId++;
        const onAbort = (): void => {
          if (!pending.delete(id)) return;
          transport.send({ t: 'cancel', id });
          reject(new AppFailure(appError('cancelled', 'cancelled')));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          kind: 'call',
          resolve: (v) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(v as never);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', onAbort);
            reject(e);
          },
        });
        transport.send({ t: 'call', id, name, input });
      });
    },
    subscribe(name, input, handlers) {
      const id = nextId++;
      if (closed) {
        handlers.end?.(appError('internal', 'connection to the Vigie service closed'));
        return () => {};
      }
      pending.set(id, { kind: 'stream', handlers: handlers as SubscribeHandlers<unknown> });
      transport.send({ t: 'subscribe', id, name, input });
      return () => {
        if (pending.delete(id)) transport.send({ t: 'cancel', id });
      };
    },
    close() {
      transport.close();
    },
  };
}

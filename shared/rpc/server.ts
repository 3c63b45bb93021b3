import { appError, toAppError, type AppError } from '../model/app-error';
import type { Contract, Handlers } from './define';
import type { ClientMessage, ServerMessage } from './protocol';
import { isClientMessage } from './protocol';
import type { Transport } from './transport';

/** Formats a zod issue list as one readable, positioned message ("path.to.field: problem"). */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Serves a contract over one transport (one connection). Inputs are validated with the
 * contract's zod schemas before any handler runs; every failure becomes an AppError; a
 * cancel or a closed connection aborts the handler's signal.
 */
export function serve<C extends Contract>(contract: C, handlers: Handlers<C>, transport: Transport<ClientMessage, ServerMessage>): () => void {
  const running = new Map<number, AbortController>();
  const send = (m: ServerMessage): void => transport.send(m);
  const fail = (id: number, error: AppError): void => send({ t: 'result', id, ok: false, error });

  const start = (m: Extract<ClientMessage, { t: 'call' | 'subscribe' }>): void => {
    if (running.has(m.id)) return fail(m.id, appError('bad_input', `request id ${m.id} is already in use`));
    const def = Object.prototype.hasOwnProperty.call(contract, m.name) ? contract[m.name] : undefined;
    const wanted = m.t === 'call' ? 'procedure' : 'stream';
    if (!def || def.kind !== wanted) {
      const error = appError('not_found', `unknown ${wanted} "${m.name}"`);
      return m.t === 'call' ? fail(m.id, error) : send({ t: 'end', id: m.id, error });
    }
    const parsed = def.input.safeParse(m.input);
    if (!parsed.success) {
      const error = appError('bad_input', `${m.name}: ${describeIssues(parsed.error.issues)}`);
      return m.t === 'call' ? fail(m.id, error) : send({ t: 'end', id: m.id, error });
    }
    const controller = new AbortController();
    running.set(m.id, controller);
    const ctx = { signal: controller.signal };
    const handler = handlers[m.name] as unknown as (input: unknown, c: typeof ctx) => unknown;
    if (m.t === 'call') {
      void (async () => {
        try {
          const value = await (handler(parsed.data, ctx) as Promise<unknown>);
          if (!controller.signal.aborted) send({ t: 'result', id: m.id, ok: true, value });
        } catch (e) {
          send({ t: 'result', id: m.id, ok: false, error: controller.signal.aborted ? appError('cancelled', 'cancelled') : toAppError(e) });
        } finally {
          running.delete(m.id);
        }
      })();
    } else {
      void (async () => {
        let error: AppError | undefined;
        try {
          for await (const value of handler(parsed.data, ctx) as AsyncIterable<unknown>) {
            if (controller.signal.aborted) break;
            send({ t: 'event', id: m.id, value });
          }
        } catch (e) {
          if (!controller.signal.aborted) error = toAppError(e);
        } finally {
          running.delete(m.id);
          send(error ? { t: 'end', id: m.id, error } : { t: 'end', id: m.id });
        }
      })();
    }
  };

  const offMessage = transport.onMessage((m) => {
    if (!isClientMessage(m)) return; // garbage from a peer is ignored, never fatal
    if (m.t === 'cancel') {
      running.get(m.id)?.abort();
      running.delete(m.id);
      return;
    }
    start(m);
  });
  const stopAll = (): void => {
    for (const c of running.values()) c.abort();
    running.clear();
  };
  const offClose = transport.onClose(stopAll);
  return () => {
    offMessage();
    offClose();
    stopAll();
  };
}

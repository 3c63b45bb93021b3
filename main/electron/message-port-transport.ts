/**
 * A shared/rpc Transport over an Electron MessagePortMain (main side). It knows nothing of the
 * API, like every transport: it moves protocol messages and reports when the peer is gone.
 *
 * The port is described structurally (PortLike) rather than imported from electron, so this
 * file runs under plain vitest with a fake port, and MessagePortMain satisfies it as is.
 */
import { Listeners, type Transport } from '../../shared/rpc/transport';

/** The part of Electron's MessagePortMain (an EventEmitter) this adapter uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  // 'message' carries { data, ports }; 'close' carries nothing.
  on(event: 'message' | 'close', listener: (...args: any[]) => void): unknown;
  off(event: 'message' | 'close', listener: (...args: any[]) => void): unknown;
  start(): void;
  close(): void;
}

/**
 * Wraps `port`. Incoming data that fails `accept` is dropped: the peer is a renderer, which
 * we treat as untrusted input, and garbage must never reach the server or crash main.
 * postMessage structured-clones, so a value that cannot be cloned throws from send(); the rpc
 * server turns that throw into an error answer for the request.
 */
export function messagePortTransport<In, Out>(port: PortLike, accept: (m: unknown) => m is In): Transport<In, Out> {
  const messages = new Listeners<In>();
  const closes = new Listeners<void>();
  let closed = false;

  const onMessage = (event: unknown): void => {
    if (closed) return;
    const data = typeof event === 'object' && event !== null ? (event as { data?: unknown }).data : undefined;
    if (accept(data)) messages.emit(data);
  };
  const finish = (): void => {
    if (closed) return;
    closed = true;
    port.off('message', onMessage);
    port.off('close', finish);
    closes.emit();
    messages.clear();
    closes.clear();
  };

  port.on('message', onMessage);
  // Electron emits 'close' when the other end goes away: the page reloads, navigates or its
  // renderer process dies. That is the signal that aborts the connection's running requests.
  port.on('close', finish);
  // A MessagePortMain queues messages until start() is called.
  port.start();

  return {
    send(message) {
      if (!closed) port.postMessage(message);
    },
    onMessage: (listener) => messages.add(listener),
    onClose(listener) {
      if (closed) {
        queueMicrotask(listener);
        return () => {};
      }
      return closes.add(listener);
    },
    close() {
      if (closed) return;
      port.close();
      finish();
    },
  };
}

import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

/** Electron mode: the preload posts a MessagePort; messages are structured-cloned as they are. */
export function messagePortTransport(port: MessagePort): Transport<ServerMessage, ClientMessage> {
  const messages = new Listeners<ServerMessage>();
  const closed = new Listeners<void>();
  let isClosed = false;
  const markClosed = (): void => {
    if (isClosed) return;
    isClosed = true;
    closed.emit();
    closed.clear();
  };
  port.addEventListener('message', (e: MessageEvent) => messages.emit(e.data as ServerMessage));
  // Chromium fires 'close' on an entangled port when the other side goes away.
  port.addEventListener('close', markClosed);
  port.start();
  return {
    send: (m) => {
      if (!isClosed) port.postMessage(m);
    },
    onMessage: (l) => messages.add(l),
    onClose: (l) => closed.add(l),
    close: () => {
      port.close();
      markClosed();
    },
  };
}

/** Waits for the preload's `'vigie:port'` message carrying the port. */
export function waitForPort(target: Window): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent): void => {
      const port = e.ports[0];
      if (e.data !== 'vigie:port' || !port) return;
      target.removeEventListener('message', onMessage);
      resolve(port);
    };
    target.addEventListener('message', onMessage);
  });
}

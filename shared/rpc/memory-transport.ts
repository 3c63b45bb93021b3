import type { ClientMessage, ServerMessage } from './protocol';
import { Listeners, type Transport } from './transport';

/**
 * An in-memory client/server pair for tests. Messages are delivered asynchronously and
 * cloned, as a real transport would, so tests cannot depend on shared object identity.
 */
export function createMemoryTransportPair(): {
  client: Transport<ServerMessage, ClientMessage>;
  server: Transport<ClientMessage, ServerMessage>;
} {
  const toServer = new Listeners<ClientMessage>();
  const toClient = new Listeners<ServerMessage>();
  const closed = new Listeners<void>();
  let isClosed = false;
  const close = (): void => {
    if (isClosed) return;
    isClosed = true;
    void Promise.resolve().then(() => closed.emit());
  };
  const deliver = <T>(target: Listeners<T>, message: T): void => {
    if (isClosed) return;
    // A JSON round trip: what survives it is what survives the WebSocket.
    const copy = JSON.parse(JSON.stringify(message)) as T;
    void Promise.resolve().then(() => target.emit(copy));
  };
  return {
    client: {
      send: (m) => deliver(toServer, m),
      onMessage: (l) => toClient.add(l),
      onClose: (l) => closed.add(l),
      close,
    },
    server: {
      send: (m) => deliver(toClient, m),
      onMessage: (l) => toServer.add(l),
      onClose: (l) => closed.add(l),
      close,
    },
  };
}

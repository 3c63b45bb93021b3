import type { WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

/** Largest message a client may send: requests are small; a bigger one is a misuse. */
const MAX_CLIENT_MESSAGE = 1 << 20;

/** Server side of one WebSocket connection, as a Transport. Undecodable frames are dropped. */
export function serverWebSocketTransport(socket: WebSocket): Transport<ClientMessage, ServerMessage> {
  const messages = new Listeners<ClientMessage>();
  const closed = new Listeners<void>();
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString();
    if (text.length > MAX_CLIENT_MESSAGE) return;
    try {
      messages.emit(JSON.parse(text) as ClientMessage);
    } catch {
      // not JSON: ignore, the connection stays usable
    }
  });
  socket.on('close', () => closed.emit());
  socket.on('error', () => socket.close());
  return {
    send: (m) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    },
    onMessage: (l) => messages.add(l),
    onClose: (l) => closed.add(l),
    close: () => socket.close(),
  };
}

/** Client side (node: CLI remote mode, tests). The browser has its own in renderer/rpc. */
export function clientWebSocketTransport(socket: WebSocket): Transport<ServerMessage, ClientMessage> {
  const messages = new Listeners<ServerMessage>();
  const closed = new Listeners<void>();
  const queue: string[] = [];
  socket.on('open', () => {
    for (const m of queue.splice(0)) socket.send(m);
  });
  socket.on('message', (data) => {
    try {
      messages.emit(JSON.parse(data.toString()) as ServerMessage);
    } catch {
      // ignore undecodable frames
    }
  });
  socket.on('close', () => closed.emit());
  socket.on('error', () => closed.emit());
  return {
    send: (m) => {
      const text = JSON.stringify(m);
      if (socket.readyState === socket.OPEN) socket.send(text);
      else if (socket.readyState === socket.CONNECTING) queue.push(text);
    },
    onMessage: (l) => messages.add(l),
    onClose: (l) => closed.add(l),
    close: () => socket.close(),
  };
}

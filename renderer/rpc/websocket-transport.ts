import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

/**
 * Opens a WebSocket and resolves with a Transport once it is open, so nothing is ever sent
 * on a socket still connecting. Messages are JSON text frames, as the server sends them.
 */
export function openWebSocketTransport(url: string): Promise<Transport<ServerMessage, ClientMessage>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages = new Listeners<ServerMessage>();
    const closed = new Listeners<void>();
    let opened = false;
    let isClosed = false;
    const markClosed = (): void => {
      if (isClosed) return;
      isClosed = true;
      closed.emit();
      closed.clear();
    };
    socket.addEventListener('open', () => {
      opened = true;
      resolve({
        send: (m) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(m));
        },
        onMessage: (l) => messages.add(l),
        onClose: (l) => closed.add(l),
        close: () => socket.close(),
      });
    });
    socket.addEventListener('message', (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      try {
        messages.emit(JSON.parse(e.data) as ServerMessage);
      } catch {
        // an undecodable frame is dropped; the connection stays usable
      }
    });
    // The browser does not say why an upgrade failed (bad token, wrong origin): a close
    // before open is reported as one readable reason.
    socket.addEventListener('error', () => {
      if (!opened) reject(new Error('could not connect to the Vigie service (is it running? was the link opened with its token?)'));
      markClosed();
    });
    socket.addEventListener('close', () => {
      if (!opened) reject(new Error('the Vigie service refused the connection (token missing or expired — open the URL printed by `npm run web`)'));
      markClosed();
    });
  });
}

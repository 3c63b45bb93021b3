import { contract, type VigieContract } from '../../shared/contract';
import { createClient, type RpcClient } from '../../shared/rpc/client';
import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import type { Transport } from '../../shared/rpc/transport';
import { messagePortTransport, waitForPort } from './messageport-transport';
import { rpcSocketUrl, takeToken } from './token';
import { openWebSocketTransport } from './websocket-transport';

export type VigieClient = RpcClient<VigieContract>;

declare global {
  interface Window {
    /** Set by Electron's preload; absent in browser mode. */
    vigie?: { transport?: string };
  }
}

export interface Connection {
  client: VigieClient;
  mode: 'electron' | 'web';
  /** Registers a listener for the connection going away (server stopped, window reloaded). */
  onClose(listener: () => void): () => void;
}

/** Picks the transport: Electron's MessagePort when the preload says so, else the WebSocket. */
export async function connect(): Promise<Connection> {
  let transport: Transport<ServerMessage, ClientMessage>;
  let mode: Connection['mode'];
  if (window.vigie?.transport === 'messageport') {
    transport = messagePortTransport(await waitForPort(window));
    mode = 'electron';
  } else {
    const { token, cleanUrl } = takeToken(window.location.href, window.sessionStorage);
    if (cleanUrl !== null) window.history.replaceState(window.history.state, '', cleanUrl);
    if (!token) throw new Error('no access token: open the URL printed by `npm run web` (it ends with ?token=…)');
    transport = await openWebSocketTransport(rpcSocketUrl(window.location, token));
    mode = 'web';
  }
  return { client: createClient(contract, transport), mode, onClose: (l) => transport.onClose(l) };
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createClient } from '../../../shared/rpc/client';
import { serve } from '../../../shared/rpc/server';
import { clientWebSocketTransport, serverWebSocketTransport } from '../../../main/host/ws-transport';
import { contractSuite } from './contract-suite';
import { testContract, testHandlers, type Probe } from './test-contract';

contractSuite('a WebSocket on 127.0.0.1', async () => {
  const probe: Probe = { aborted: [], started: [] };
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    const stop = serve(testContract, testHandlers(probe), serverWebSocketTransport(ws));
    ws.on('close', stop);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const socket = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const client = createClient(testContract, clientWebSocketTransport(socket));
  return {
    client,
    probe,
    close: async () => {
      client.close();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
});

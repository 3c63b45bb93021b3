import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { contract } from '../../shared/contract';
import { createClient } from '../../shared/rpc/client';
import { createServices, type Services } from '../../main/host/create-services';
import { startWebServer, type WebServer } from '../../main/host/web-server';
import { clientWebSocketTransport } from '../../main/host/ws-transport';

let server: WebServer;
let services: Services;

beforeAll(async () => {
  services = createServices({ mode: 'test' });
  server = await startWebServer({ handlers: services.handlers, rendererDir: null, port: 0 });
});
afterAll(async () => {
  await server.close();
  await services.dispose();
});

/** Opens the RPC socket with the given headers; resolves 'open' or the refusal status. */
function tryUpgrade(path: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('open', () => (ws.close(), resolve('open')));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser mode refuses what is not its own page', () => {
  const good = () => ({ origin: `http://127.0.0.1:${server.port}`, host: `127.0.0.1:${server.port}` });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });

  it('accepts the RPC socket with the token, its own Origin and a loopback Host', async () => {
    expect(await tryUpgrade(`/rpc?token=${server.token}`, good())).toBe('open');
  });

  it('refuses a request without the token', async () => {
    expect(await tryUpgrade('/rpc', good())).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect(await tryUpgrade(`/rpc?token=${server.token.slice(0, -1)}x`, good())).toBe(401);
  });

  it('refuses a foreign Origin, even with the token', async () => {
    expect(await tryUpgrade(`/rpc?token=${server.token}`, { ...good(), origin: 'http://evil.example' })).toBe(403);
  });

  it('refuses Host evil.example (DNS rebinding), even with the token', async () => {
    expect(await tryUpgrade(`/rpc?token=${server.token}`, { ...good(), host: 'evil.example' })).toBe(421);
  });

  it('refuses plain HTTP requests with a foreign Host', async () => {
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  it('serves the Vigie contract over the accepted socket', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { headers: good() });
    const client = createClient(contract, clientWebSocketTransport(socket));
    try {
      expect(await client.call('app.info', {})).toMatchObject({ name: 'vigie', mode: 'test' });
    } finally {
      client.close();
    }
  });
});

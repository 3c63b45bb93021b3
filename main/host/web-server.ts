import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { contract, type VigieContract } from '../../shared/contract';
import type { Handlers } from '../../shared/rpc/define';
import { serve } from '../../shared/rpc/server';
import { checkHost, checkRpcUpgrade, type GuardConfig } from './loopback-guard';
import { loadStatic } from './static-files';
import { serverWebSocketTransport } from './ws-transport';

export interface WebServerOptions {
  handlers: Handlers<VigieContract>;
  /** Folder with the built renderer (index.html + assets); null serves the RPC only. */
  rendererDir: string | null;
  /** 0 picks a free port. */
  port?: number;
  /** Tests pass a fixed token; otherwise a random 256-bit one. */
  token?: string;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

/** Same CSP as Electron's: no inline scripts, no eval; Monaco's workers from blob:. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Browser mode: the renderer and the RPC WebSocket on 127.0.0.1 only. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const config: GuardConfig = { port: 0, token };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  const refuse = (res: ServerResponse, status: number, reason: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${reason}\n`);
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const host = checkHost(req.headers.host, config);
    if (!host.ok) return refuse(res, host.status, host.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    if (!options.rendererDir) return refuse(res, 404, 'no renderer built: run `npm run build`');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    void loadStatic(options.rendererDir, path).then((file) => {
      if (!file) return refuse(res, 404, 'not found');
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy(config.port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': path === '/' || path.endsWith('.html') ? 'no-store' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = url.pathname === '/rpc' ? checkRpcUpgrade(req.headers, url, config) : ({ ok: false, status: 403, reason: 'not found' } as const);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} Refused\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${verdict.reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stop = serve(contract, options.handlers, serverWebSocketTransport(ws));
      ws.on('close', stop);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  config.port = (http.address() as AddressInfo).port;
  return {
    port: config.port,
    token,
    url: `http://127.0.0.1:${config.port}/?token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

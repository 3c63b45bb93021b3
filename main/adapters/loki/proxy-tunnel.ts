/**
 * A CONNECT tunnel through an HTTP proxy for the live tail's WebSocket: undici's ProxyAgent
 * serves fetch, but `ws` runs on node:http, which takes a `createConnection` instead. The
 * tunnel is opened with CONNECT host:port, then TLS is started inside it for wss://.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

type ConnectOptions = tls.ConnectionOptions & { host?: string; hostname?: string; port?: number | string };
type Callback = (err: Error | null, socket?: Duplex) => void;

/** A `createConnection` for node:http (and so for ws) that goes through `proxyUrl`. */
export function tunnelThrough(proxyUrl: string, secure: boolean): (options: ConnectOptions, callback: Callback) => undefined {
  const proxy = new URL(proxyUrl);
  return (options, callback) => {
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = Number(options.port ?? (secure ? 443 : 80));
    const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    const req = http.request({ host: proxy.hostname, port: Number(proxy.port || 80), method: 'CONNECT', path: target, headers: { Host: target } });
    let done = false;
    const finish = (err: Error | null, socket?: Duplex): void => {
      if (done) return;
      done = true;
      callback(err, socket);
    };
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        const err = Object.assign(new Error(`the proxy refused the tunnel to ${target}: ${res.statusCode} ${res.statusMessage ?? ''}`.trim()), { code: 'EPROXY' });
        return finish(err);
      }
      if (!secure) return finish(null, socket);
      // As ws does for a direct wss://: SNI with the host name, none for an IP address.
      const servername = options.servername ?? (net.isIP(host) ? undefined : host);
      const secureSocket = tls.connect({ ...options, socket, ...(servername ? { servername } : {}) });
      finish(null, secureSocket);
    });
    req.once('error', (e) => finish(Object.assign(e, { port: Number(proxy.port || 80) })));
    req.end();
    return undefined;
  };
}

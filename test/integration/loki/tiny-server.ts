/** A throwaway HTTP server on 127.0.0.1 (random port) for the misbehaving-server tests. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TinyServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

export async function startTinyServer(handler: http.RequestListener): Promise<TinyServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: bound then released. */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Loki's success envelope around a streams result, as a JSON text. */
export function streamsAnswer(values: Array<[string, string]>, warnings?: string[]): string {
  return JSON.stringify({ status: 'success', ...(warnings ? { warnings } : {}), data: { resultType: 'streams', result: [{ stream: { job: 'x' }, values }], stats: {} } });
}

/**
 * A Loki stand-in for tests, built from the recorded exchanges: node http + ws on 127.0.0.1,
 * random port. A request that matches a recording (method, path, decoded parameters of the URL
 * or form body, tenant header, JSON body) gets the recorded status, headers and body; a tail
 * that Loki upgraded gets the recorded frames in order (text frames, pings, the server's own
 * close), with their recorded spacing scaled down. Anything else gets a 404 and is listed in
 * `unmatched`, so a test can tell "the client sent what Loki was sent".
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadRecorded, sortedParams, type Recorded } from './recorded';

export interface ReplayServer {
  url: string;
  recorded: Map<string, Recorded>;
  /** Every request, with the recording it matched (null: none). */
  seen: Array<{ method: string; url: string; matched: string | null }>;
  unmatched: string[];
  close(): Promise<void>;
}

export interface ReplayOptions {
  /** Recorded frame times are multiplied by this (0.02: a 26 s tail replays in ~0.5 s). */
  timeScale?: number;
}

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function matches(r: Recorded, method: string, path: string, params: Array<[string, string]>, tenant: string | undefined, jsonBody: string | null): boolean {
  return (
    r.method === method &&
    r.path === path &&
    JSON.stringify(r.params) === JSON.stringify(params) &&
    r.headers['x-scope-orgid'] === tenant &&
    r.jsonBody === jsonBody
  );
}

function find(all: Map<string, Recorded>, req: http.IncomingMessage, body: string): Recorded | null {
  const url = new URL(req.url ?? '/', 'http://replay');
  const contentType = req.headers['content-type'] ?? '';
  const form = contentType.startsWith('application/x-www-form-urlencoded') ? body : '';
  const params = sortedParams([url.search.slice(1), form].filter(Boolean).join('&'));
  let json: string | null = null;
  if (contentType.startsWith('application/json')) {
    try {
      json = JSON.stringify(JSON.parse(body));
    } catch {
      json = body;
    }
  }
  const tenant = req.headers['x-scope-orgid'] as string | undefined;
  const method = req.method ?? 'GET';
  for (const r of all.values()) if (matches(r, method, url.pathname, params, tenant, json)) return r;
  // Endpoints recorded without a tenant (buildinfo, format_query, ready) ignore one when sent.
  for (const r of all.values()) if (r.status !== 401 && r.headers['x-scope-orgid'] === undefined && matches(r, method, url.pathname, params, undefined, json)) return r;
  // Loki answers every path it does not route with the same recorded 404.
  if (![...all.values()].some((r) => r.path === url.pathname)) return all.get('status-404-unknown-path.txt') ?? null;
  return null;
}

/** Recorded headers minus the framing ones node sets itself. */
const replayHeaders = (r: Recorded): Array<[string, string]> => r.responseHeaders.filter(([n]) => !/^(content-length|transfer-encoding|connection|upgrade|sec-websocket-accept)$/i.test(n));

function rawResponse(r: Recorded): string {
  const head = [`HTTP/1.1 ${r.status} ${r.statusText}`, ...replayHeaders(r).map(([n, v]) => `${n}: ${v}`), `Content-Length: ${r.body.length}`, 'Connection: close'];
  return `${head.join('\r\n')}\r\n\r\n`;
}

function playFrames(ws: WebSocket, r: Recorded, scale: number): void {
  const timers: NodeJS.Timeout[] = [];
  let last = 0;
  // Spacing is kept relative (scaled) and order is exact: each frame waits for the previous.
  const chain = r.frames.reduce<Promise<void>>((prev, f) => {
    const wait = Math.max(0, (f.at - last) * scale);
    last = f.at;
    return prev.then(
      () =>
        new Promise<void>((resolve) => {
          timers.push(
            setTimeout(() => {
              if (ws.readyState !== ws.OPEN) return resolve();
              if (f.kind === 'text') ws.send(f.text, () => resolve());
              else if (f.kind === 'ping') ws.ping(Buffer.alloc(0), undefined, () => resolve());
              else {
                // The answer to a client's close is sent by ws itself; only the server's own close is played.
                if (!f.answersClient) ws.close(f.code, f.reason);
                resolve();
              }
            }, wait),
          );
        }),
    );
  }, Promise.resolve());
  void chain;
  ws.on('close', () => timers.forEach(clearTimeout));
}

export async function startReplayServer(options: ReplayOptions = {}): Promise<ReplayServer> {
  const recorded = loadRecorded();
  const scale = options.timeScale ?? 0.02;
  const seen: ReplayServer['seen'] = [];
  const unmatched: string[] = [];
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Duplex>();

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const r = find(recorded, req, body);
    seen.push({ method: req.method ?? '', url: req.url ?? '', matched: r?.file ?? null });
    if (!r || r.status === 101) {
      unmatched.push(`${req.method} ${req.url} tenant=${req.headers['x-scope-orgid'] ?? '-'} ${body.slice(0, 200)}`);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Replay-Unmatched': '1' }).end('replay: no recorded answer for this request\n');
      return;
    }
    res.writeHead(r.status, r.statusText, [...replayHeaders(r).flat(), 'Content-Length', String(r.body.length)]);
    res.end(r.body);
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.on('upgrade', (req, socket, head) => {
    const r = find(recorded, req, '');
    seen.push({ method: `${req.method} (upgrade)`, url: req.url ?? '', matched: r?.file ?? null });
    if (!r) {
      unmatched.push(`UPGRADE ${req.url} tenant=${req.headers['x-scope-orgid'] ?? '-'}`);
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nno match\n');
      return;
    }
    if (r.status !== 101) {
      // Loki refuses before the upgrade with a plain HTTP answer.
      socket.end(Buffer.concat([Buffer.from(rawResponse(r)), r.body]));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => playFrames(ws, r, scale));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    seen,
    unmatched,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// `npx tsx test/integration/loki/replay-server.ts`: serve the recordings by hand (e2e, the
// Connections page) until interrupted; tenant loki-api-fixtures holds the corpus.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const replay = await startReplayServer({ timeScale: 1 });
  console.log(`replaying ${replay.recorded.size} recorded Loki answers at ${replay.url}`);
}

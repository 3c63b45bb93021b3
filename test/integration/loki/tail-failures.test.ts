/**
 * A live tail facing servers that misbehave: one that never finishes the WebSocket handshake,
 * one that upgrades and then falls silent (Loki pings every second, so silence means a dead
 * connection), one that drops the connection, one that sends frames that are not Loki's.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { LokiErrorKind, TailFrame } from '../../../main/adapters/loki/index';
import { clientFor, expectNoSecrets, outcome } from './kit';

interface Case {
  what: string;
  /** What the server does once the WebSocket is open; null: never answer the upgrade. */
  onOpen: ((ws: WebSocket) => void) | null | 'redirect' | 'html';
  want: { error: LokiErrorKind; says: RegExp; framesFirst?: number };
}

const FRAME = JSON.stringify({ streams: [{ stream: { job: 'x' }, values: [['1', 'a line']] }], dropped_entries: [{ labels: { job: 'x' }, timestamp: '2' }] });

const CASES: Case[] = [
  { what: 'a server that never answers the upgrade is abandoned after the timeout', onOpen: null, want: { error: 'timeout', says: /did not accept the live tail within 0\.3 s/ } },
  { what: 'a redirect before the upgrade is not followed and says where it led', onOpen: 'redirect', want: { error: 'redirected', says: /redirects \(301\) to https:\/\/elsewhere\/loki\/api\/v1\/tail: use the final URL directly/ } },
  { what: 'a web page instead of the upgrade says what came back', onOpen: 'html', want: { error: 'not_json', says: /answered 200 with a web page \(text\/html\) instead of a WebSocket: "<html>portal<\/html>"/ } },
  { what: 'a tail that falls silent (no frame, no ping) is declared lost', onOpen: () => undefined, want: { error: 'timeout', says: /heard nothing from Loki for 0\.3 s \(Loki pings every second\): the connection is lost/ } },
  { what: 'a frame then a dropped connection keeps the frame and says the connection was lost', onOpen: (ws) => ws.send(FRAME, () => ws.terminate()), want: { error: 'network', says: /the connection of the live tail to ws:\/\/127\.0\.0\.1:\d+\/loki\/api\/v1\/tail was lost/, framesFirst: 1 } },
  { what: 'a frame that is not JSON is refused in words', onOpen: (ws) => ws.send('<html>oops</html>'), want: { error: 'not_json', says: /a tail frame is not JSON: "<html>oops<\/html>"/ } },
  { what: 'a frame of another shape is refused in words', onOpen: (ws) => ws.send('{"streams":[{"labels":"x"}]}'), want: { error: 'invalid_answer', says: /a tail frame does not have Loki's shape \(streams\.0\.stream: / } },
  { what: 'a close with an unusual code and reason is reported with both', onOpen: (ws) => ws.close(4000, 'tenant over limit'), want: { error: 'tail_closed', says: /^Loki closed the live tail \(4000\): tenant over limit$/ } },
];

describe('the live tail facing misbehaving servers', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it.each(CASES)('$what', async (c) => {
    const server = http.createServer();
    const sockets = new Set<Socket>();
    server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const onOpen = c.onOpen;
      if (onOpen === 'redirect') socket.end('HTTP/1.1 301 Moved Permanently\r\nLocation: https://elsewhere/loki/api/v1/tail\r\nContent-Length: 0\r\n\r\n');
      else if (onOpen === 'html') socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\n\r\n<html>portal</html>');
      else if (onOpen) wss.handleUpgrade(req, socket, head, (ws) => onOpen(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 't', { timeoutMs: 300, tailIdleMs: 300 });
    const frames: TailFrame[] = [];
    const got = await outcome(
      (async () => {
        for await (const f of client.tail({ query: '{job="x"}' })) frames.push(f);
      })(),
    );
    await client.close();
    expectNoSecrets(got);
    expect(got.ok ? 'ended' : got.error.kind).toBe(c.want.error);
    if (!got.ok) expect(got.message).toMatch(c.want.says);
    expect(frames).toEqual(c.want.framesFirst ? [{ streams: [{ stream: { job: 'x' }, values: [['1', 'a line']] }], dropped: [{ labels: { job: 'x' }, timestamp: '2' }] }] : []);
  });
});

/**
 * A followed tail across dropped connections: it reconnects after a transient failure, asks
 * Loki for history from the last line it gave, gives no line twice and loses none that Loki
 * replays; what cannot heal ends it at once.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { TailEvent } from '../../../main/adapters/loki/index';
import { clientFor, expectNoSecrets, outcome } from './kit';

const frame = (...entries: Array<[string, string]>): string => JSON.stringify({ streams: entries.map(([ts, line]) => ({ stream: { job: 'x' }, values: [[ts, line]] })) });

/** Per connection (in order): the frames to send then whether to drop, or an HTTP refusal. */
type Session = { frames: string[]; then: 'drop' | 'stay' } | { refuse: string };

interface Case {
  what: string;
  sessions: Session[];
  limit?: number;
  maxAttempts?: number;
  /** Events wanted: frames as their lines, the rest by kind (and flag). */
  want: string[];
  /** The `start` each connection asked for. */
  starts: Array<string | null>;
  error?: RegExp;
}

const CASES: Case[] = [
  {
    what: 'a dropped connection resumes from the last line without repeating it',
    sessions: [
      { frames: [frame(['100', 'a']), frame(['200', 'b'])], then: 'drop' },
      { frames: [frame(['200', 'b'], ['250', 'c'])], then: 'stay' },
    ],
    want: ['a', 'b', 'reconnecting 1', 'resumed complete', 'c'],
    starts: [null, '200'],
  },
  {
    what: 'two lines at the same nanosecond are both kept, once each',
    sessions: [
      { frames: [frame(['300', 'p'])], then: 'drop' },
      { frames: [frame(['300', 'p'], ['300', 'q'], ['301', 'r'])], then: 'stay' },
    ],
    want: ['p', 'reconnecting 1', 'resumed complete', 'q,r'],
    starts: [null, '300'],
  },
  {
    what: 'a resumed history as long as the limit says lines may be missing',
    limit: 2,
    sessions: [
      { frames: [frame(['100', 'a'])], then: 'drop' },
      { frames: [frame(['180', 'y'], ['190', 'z'])], then: 'stay' },
    ],
    want: ['a', 'reconnecting 1', 'resumed may have missed lines', 'y,z'],
    starts: [null, '100'],
  },
  {
    what: 'a server that keeps failing is given up after the allowed attempts',
    maxAttempts: 2,
    sessions: [{ frames: [], then: 'drop' }, { refuse: '503 Service Unavailable' }, { refuse: '503 Service Unavailable' }],
    want: ['reconnecting 1', 'reconnecting 2'],
    starts: [null, null, null],
    error: /Loki failed \(503 Service Unavailable\): ingester down/,
  },
  {
    what: 'what cannot heal (no tenant) ends the tail at once',
    sessions: [{ refuse: '401 Unauthorized' }],
    want: [],
    starts: [null],
    error: /set the tenant/,
  },
];

describe('a followed Loki tail', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it.each(CASES)('$what', async (c) => {
    const starts: Array<string | null> = [];
    const server = http.createServer();
    const sockets = new Set<Socket>();
    server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      starts.push(new URL(req.url!, 'http://x').searchParams.get('start'));
      const session = c.sessions[starts.length - 1];
      if (!session) return void socket.destroy();
      if ('refuse' in session) {
        const body = session.refuse.startsWith('401') ? 'no org id' : 'ingester down';
        return void socket.end(`HTTP/1.1 ${session.refuse}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        const send = (i: number): void => {
          if (i < session.frames.length) return void ws.send(session.frames[i]!, () => send(i + 1));
          if (session.then === 'drop') ws.terminate();
        };
        send(0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 't');
    const stop = new AbortController();
    const seen: string[] = [];
    const describeEvent = (e: TailEvent): string =>
      e.kind === 'frame' ? e.frame.streams.flatMap((s) => s.values.map((v) => v[1])).join(',') : e.kind === 'reconnecting' ? `reconnecting ${e.attempt}` : `resumed ${e.mayHaveMissed ? 'may have missed lines' : 'complete'}`;
    const got = await outcome(
      (async () => {
        for await (const e of client.followTail({ query: '{job="x"}', limit: c.limit ?? 10 }, { signal: stop.signal, capMs: 20, maxAttempts: c.maxAttempts })) {
          seen.push(describeEvent(e));
          if (seen.length === c.want.length && !c.error) stop.abort();
        }
      })(),
    );
    await client.close();
    expectNoSecrets(got);
    expect(seen).toEqual(c.want);
    expect(starts).toEqual(c.starts);
    if (c.error) expect(got.ok ? 'ended' : got.message).toMatch(c.error);
    else expect(got.ok).toBe(true);
  });
});

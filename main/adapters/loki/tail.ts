/**
 * Live tail over Loki's WebSocket (`/loki/api/v1/tail`) as an async iterable of frames, in the
 * order Loki sends them. What Loki does (see conformance/loki-api/README.md): refusals (parse
 * error, no org id, delay_for > 5) are plain HTTP answers before the upgrade; a metric query is
 * accepted then closed with 1011 and a reason; while idle Loki pings every second, so hearing
 * nothing for `tailIdleMs` means the connection is dead. Aborting the signal (or closing the
 * client) ends the tail quietly (close 1000); every other end is a LokiFailure in words.
 */
import type { createConnection } from 'node:net';
import WebSocket from 'ws';
import { baseHeaders } from './config';
import { networkError, preview, statusError, type LokiError } from './errors';
import { ParamList, type TailParams } from './params';
import { tunnelThrough } from './proxy-tunnel';
import { tailFrameSchema, type TailFrame } from './schemas';
import { tlsOptions, type Transport } from './transport';

export interface TailOptions {
  signal?: AbortSignal;
}

type Item = { frame: TailFrame } | { error: LokiError } | { end: true };

export async function* openTail(t: Transport, p: TailParams, o: TailOptions = {}): AsyncGenerator<TailFrame, void> {
  const { config } = t;
  if (o.signal?.aborted || t.closed.aborted) return;
  const params = new ParamList().add('query', p.query).add('limit', p.limit).time('start', p.start).add('delay_for', p.delayFor).list;
  const url = t.urlOf('/loki/api/v1/tail', params).replace(/^http/, 'ws');
  const shownUrl = url.split('?')[0]!;

  const queue: Item[] = [];
  let wake: (() => void) | null = null;
  const push = (item: Item): void => {
    queue.push(item);
    wake?.();
  };
  let finished = false;
  const finish = (item: Item): void => {
    if (finished) return;
    finished = true;
    push(item);
  };

  const ws = new WebSocket(url, {
    headers: baseHeaders(config),
    ...tlsOptions(config),
    handshakeTimeout: config.timeoutMs,
    maxPayload: config.maxBodyBytes,
    followRedirects: false,
    // node:http accepts a createConnection that answers through its callback; @types/ws types it as net's.
    ...(config.proxyUrl ? { createConnection: tunnelThrough(config.proxyUrl, url.startsWith('wss:')) as unknown as typeof createConnection } : {}),
  });

  let idle: NodeJS.Timeout | undefined;
  const heard = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      finish({ error: { kind: 'timeout', timeoutMs: config.tailIdleMs, message: `the live tail heard nothing from Loki for ${config.tailIdleMs / 1000} s (Loki pings every second): the connection is lost` } });
      ws.terminate();
    }, config.tailIdleMs);
  };

  ws.on('unexpected-response', (_req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 64 * 1024) chunks.push(c);
    });
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = String(res.headers['content-type'] ?? '(none)');
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        const location = String(res.headers.location ?? '(no Location)');
        finish({ error: { kind: 'redirected', status, location, message: `${shownUrl} redirects (${status}) to ${location}: use the final URL directly` } });
      } else if (/html/i.test(contentType) && status !== 401 && status !== 403 && status !== 404) {
        finish({ error: { kind: 'not_json', status, contentType, firstBytes: preview(body), message: `${shownUrl} answered ${status} with a web page (${contentType}) instead of a WebSocket: "${preview(body)}"` } });
      } else {
        finish({ error: statusError(status, res.statusMessage ?? '', body.toString('utf8'), shownUrl, p.query) });
      }
      ws.terminate();
    });
  });
  ws.on('open', heard);
  ws.on('ping', heard);
  ws.on('message', (data, isBinary) => {
    heard();
    let json: unknown;
    try {
      json = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    } catch {
      return finish({ error: { kind: 'not_json', status: 101, contentType: 'websocket frame', firstBytes: preview(Buffer.from(data as Buffer)), message: `a tail frame is not JSON: "${preview(Buffer.from(data as Buffer))}"` } });
    }
    const frame = tailFrameSchema.safeParse(json);
    if (!frame.success) {
      const issues = frame.error.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return finish({ error: { kind: 'invalid_answer', status: 101, issues, message: `a tail frame does not have Loki's shape (${issues})` } });
    }
    const dropped = (frame.data.dropped_entries ?? []).map((d) => ({ labels: d.labels, timestamp: String(d.timestamp) }));
    push({ frame: { streams: frame.data.streams ?? [], dropped } });
  });
  ws.on('close', (code, reasonBuf) => {
    const reason = reasonBuf.toString();
    if (o.signal?.aborted || t.closed.aborted || code === 1000) return finish({ end: true });
    if (code === 1006) return finish({ error: { kind: 'network', code: 'ECONNRESET', message: `the connection of the live tail to ${shownUrl} was lost` } });
    finish({ error: { kind: 'tail_closed', code, reason, message: `Loki closed the live tail (${code})${reason ? `: ${reason}` : ''}` } });
  });
  ws.on('error', (e) => {
    if (/handshake has timed out/i.test(e.message)) {
      return finish({ error: { kind: 'timeout', timeoutMs: config.timeoutMs, message: `Loki at ${shownUrl} did not accept the live tail within ${config.timeoutMs / 1000} s` } });
    }
    finish({ error: networkError(e, url, config.proxyUrl) });
  });
  const onAbort = (): void => {
    finish({ end: true });
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(1000);
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  t.closed.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if ('frame' in item) yield item.frame;
      else if ('error' in item) throw t.fail(item.error);
      else return;
    }
  } finally {
    clearTimeout(idle);
    o.signal?.removeEventListener('abort', onAbort);
    t.closed.removeEventListener('abort', onAbort);
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  }
}

/**
 * Reads the recorded Loki exchanges of ../shared/conformance/loki-api/ (format in its README):
 * `#` comments, the request line, the headers that matter, the body for POSTs, a blank line,
 * then the status line, every response header and the body exactly as Loki sent it; for a
 * tail that was upgraded, the WebSocket frames with their times.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const RECORDED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/loki-api');

export type Frame =
  | { at: number; kind: 'text'; text: string }
  | { at: number; kind: 'ping' }
  /** A close the server started (1011 for a metric query), or its answer to the client's close. */
  | { at: number; kind: 'close'; code: number; reason: string; answersClient: boolean };

export interface Recorded {
  file: string;
  comments: string[];
  method: string;
  /** Path without the query string. */
  path: string;
  /** Decoded parameters of the URL and of a form body, sorted: what a request must match. */
  params: Array<[string, string]>;
  /** Request headers that matter (lower-cased names), Host and WebSocket ones left out. */
  headers: Record<string, string>;
  /** A JSON request body (push), re-serialised for comparison; null otherwise. */
  jsonBody: string | null;
  status: number;
  statusText: string;
  responseHeaders: Array<[string, string]>;
  body: Buffer;
  frames: Frame[];
}

const IGNORED_REQUEST_HEADERS = new Set(['host', 'content-length', 'content-type', 'connection', 'upgrade', 'sec-websocket-version', 'sec-websocket-key']);

export function sortedParams(search: string): Array<[string, string]> {
  return [...new URLSearchParams(search)].sort((a, b) => (a[0] + '\u0000' + a[1] < b[0] + '\u0000' + b[1] ? -1 : 1));
}

export function parseRecorded(file: string, text: string): Recorded {
  const lines = text.split('\n');
  let i = 0;
  const comments: string[] = [];
  while (lines[i]!.startsWith('#')) comments.push(lines[i++]!.slice(1).trim());
  const [method, target] = lines[i++]!.split(' ');
  const headers: Record<string, string> = {};
  let contentType = '';
  for (; lines[i] !== ''; i++) {
    const [name, ...rest] = lines[i]!.split(':');
    const value = rest.join(':').trim();
    if (name!.toLowerCase() === 'content-type') contentType = value;
    if (!IGNORED_REQUEST_HEADERS.has(name!.toLowerCase())) headers[name!.toLowerCase()] = value;
  }
  const statusAt = lines.findIndex((l, k) => k > i && /^HTTP\/1\.1 \d{3}/.test(l));
  if (statusAt < 0) throw new Error(`${file}: no status line`);
  const requestBody = lines.slice(i + 1, statusAt).join('\n').trim();
  const [urlPath, search = ''] = target!.split('?');
  const form = contentType.startsWith('application/x-www-form-urlencoded') ? requestBody : '';
  const params = sortedParams([search, form].filter(Boolean).join('&'));
  const jsonBody = contentType.startsWith('application/json') ? JSON.stringify(JSON.parse(requestBody)) : null;

  const statusLine = lines[statusAt]!.match(/^HTTP\/1\.1 (\d{3}) ?(.*)$/)!;
  const responseHeaders: Array<[string, string]> = [];
  let j = statusAt + 1;
  for (; j < lines.length && lines[j] !== ''; j++) {
    const [name, ...rest] = lines[j]!.split(':');
    responseHeaders.push([name!, rest.join(':').trim()]);
  }
  const rest = lines.slice(j + 1).join('\n');
  const status = Number(statusLine[1]);
  const frames = status === 101 ? parseFrames(file, rest) : [];
  let body = Buffer.from(status === 101 ? '' : rest, 'utf8');
  const declared = responseHeaders.find(([n]) => n.toLowerCase() === 'content-length');
  // Content-Length is exact; a chunked body is the rest of the file minus the file's last newline.
  body = declared ? body.subarray(0, Number(declared[1])) : Buffer.from(rest.replace(/\n+$/, ''), 'utf8');
  return { file, comments, method: method!, path: urlPath!, params, headers, jsonBody, status, statusText: statusLine[2]!, responseHeaders, body, frames };
}

function parseFrames(file: string, text: string): Frame[] {
  const frames: Frame[] = [];
  let clientClosed = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^\s*(\d+)ms (TEXT|PING|CLOSE|\(client\)) ?(.*)$/.exec(line);
    if (!m) throw new Error(`${file}: unreadable frame line: ${line}`);
    const at = Number(m[1]);
    const what = m[2]!;
    const rest = m[3]!;
    if (what === '(client)') {
      if (rest.startsWith('closing')) clientClosed = true;
    } else if (what === 'TEXT') {
      frames.push({ at, kind: 'text', text: rest });
    } else if (what === 'PING') {
      frames.push({ at, kind: 'ping' });
    } else {
      const c = /^code=(\d+) reason="(.*)"$/.exec(rest);
      if (!c) throw new Error(`${file}: unreadable CLOSE: ${line}`);
      frames.push({ at, kind: 'close', code: Number(c[1]), reason: c[2]!, answersClient: clientClosed });
    }
  }
  return frames;
}

/** Every recorded exchange, by file name. */
export function loadRecorded(dir = RECORDED_DIR): Map<string, Recorded> {
  const out = new Map<string, Recorded>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    out.set(f, parseRecorded(f, readFileSync(path.join(dir, f), 'utf8')));
  }
  return out;
}

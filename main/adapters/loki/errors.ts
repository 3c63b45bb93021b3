/**
 * Every way a Loki request fails, as one union a program can switch on, each with a sentence
 * a person can act on. LokiFailure carries it and is an AppFailure, so the RPC layer turns it
 * into an AppError without knowing about Loki.
 */
import { AppFailure, appError, type AppErrorCode } from '../../../shared/model/index';

export type LokiError =
  /** 401 `no org id`: Loki runs with auth_enabled and the connection has no tenant. */
  | { kind: 'no_org_id'; status: 401; message: string }
  /** 401/403 otherwise: the credentials were refused (by Loki or a gateway in front of it). */
  | { kind: 'unauthorized'; status: number; message: string; detail: string }
  /** 400 with Loki's `parse error at line L, col C: …`; line/column 1-based, offset in the query. */
  | { kind: 'parse_error'; status: number; message: string; detail: string; line: number; column: number; offset: number | null }
  /** Any other 4xx Loki explains in words (limits, bad labels, instant log query…). */
  | { kind: 'bad_request'; status: number; message: string; detail: string }
  | { kind: 'not_found'; status: 404; message: string; url: string }
  /** Redirects are not followed (they could carry the credentials elsewhere): where it led. */
  | { kind: 'redirected'; status: number; message: string; location: string }
  /** 429 after the retries: Retry-After (ms) when the server said. */
  | { kind: 'rate_limited'; status: 429; message: string; retryAfterMs: number | null; attempts: number }
  | { kind: 'server_error'; status: number; message: string; detail: string }
  /** The answer is not what the API promises: HTML from a proxy, a login page, wrong JSON. */
  | { kind: 'not_json'; status: number; message: string; contentType: string; firstBytes: string }
  | { kind: 'invalid_answer'; status: number; message: string; issues: string }
  | { kind: 'too_large'; message: string; limitBytes: number }
  | { kind: 'timeout'; message: string; timeoutMs: number }
  | { kind: 'network'; message: string; code: string }
  | { kind: 'tls'; message: string; code: string }
  | { kind: 'cancelled'; message: string }
  /** A tail WebSocket closed by the server with a reason (1011 `only log selector is supported`). */
  | { kind: 'tail_closed'; message: string; code: number; reason: string };

export type LokiErrorKind = LokiError['kind'];

const APP_CODES: Record<LokiErrorKind, AppErrorCode> = {
  no_org_id: 'unauthorized',
  unauthorized: 'unauthorized',
  parse_error: 'bad_input',
  bad_request: 'bad_input',
  not_found: 'not_found',
  redirected: 'unreadable',
  rate_limited: 'unreadable',
  server_error: 'unreadable',
  not_json: 'unreadable',
  invalid_answer: 'unreadable',
  too_large: 'unreadable',
  timeout: 'unreadable',
  network: 'unreadable',
  tls: 'unreadable',
  cancelled: 'cancelled',
  tail_closed: 'unsupported',
};

export class LokiFailure extends AppFailure {
  constructor(readonly loki: LokiError) {
    const where = loki.kind === 'parse_error' ? { line: loki.line, column: loki.column, ...(loki.offset === null ? {} : { offset: loki.offset }) } : undefined;
    super(appError(APP_CODES[loki.kind], loki.message, where));
    this.name = 'LokiFailure';
  }
}

export function isLokiFailure(e: unknown): e is LokiFailure {
  return e instanceof LokiFailure;
}

/** `parse error at line 1, col 14: …` → its line and column, else null. */
export function parsePosition(message: string): { line: number; column: number } | null {
  const m = /parse error at line (\d+), col (\d+)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** The character offset of a 1-based line/column in the query text (Loki counts runes). */
export function offsetOf(query: string, line: number, column: number): number | null {
  const lines = query.split('\n');
  if (line < 1 || line > lines.length) return null;
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  const runes = Array.from(lines[line - 1]!);
  // Loki points one past the end for an unexpected $end: clamp to the line's end.
  const col = Math.min(column - 1, runes.length);
  return offset + runes.slice(0, col).join('').length;
}

/** What a failed HTTP answer means, from its status and Loki's text body. */
export function statusError(status: number, statusText: string, body: string, url: string, query: string | undefined): LokiError {
  const detail = body.trim();
  const said = detail || `${status} ${statusText}`.trim();
  if (status === 401 && detail === 'no org id') {
    return { kind: 'no_org_id', status, message: 'Loki answered 401 "no org id": it runs with auth_enabled, so set the tenant (X-Scope-OrgID) of this connection' };
  }
  if (status === 401 || status === 403) {
    return { kind: 'unauthorized', status, detail, message: `Loki (or a proxy in front of it) refused the credentials: ${status} ${statusText}${detail ? `: ${detail}` : ''}. Check the user name and password or the token` };
  }
  if (status === 404) return { kind: 'not_found', status, url, message: `nothing at ${url} (404 ${detail || 'Not Found'}): is the base URL right (including any path prefix)?` };
  const pos = parsePosition(detail);
  if (status >= 400 && status < 500 && pos) {
    // Loki's own words, as the local engine gives them: the position is in them and in `where`.
    const offset = query === undefined ? null : offsetOf(query, pos.line, pos.column);
    return { kind: 'parse_error', status, detail, ...pos, offset, message: detail };
  }
  if (status >= 400 && status < 500) return { kind: 'bad_request', status, detail, message: `Loki refused the request (${status}): ${said}` };
  return { kind: 'server_error', status, detail, message: `Loki failed (${status} ${statusText}): ${said}` };
}

/** Network-level failures (undici's `fetch failed` and its cause) in words. */
export function networkError(e: unknown, url: string, proxyUrl?: string): LokiError {
  const cause = (e as { cause?: { code?: string; message?: string; port?: number } })?.cause ?? (e as { code?: string; message?: string; port?: number });
  const code = cause?.code ?? 'UNKNOWN';
  // A refused or unknown proxy is the proxy's fault, not Loki's: name the proxy then.
  const viaProxy = proxyUrl !== undefined && cause?.port !== undefined && String(cause.port) === (new URL(proxyUrl).port || '80');
  const origin = viaProxy ? `the proxy ${safeOrigin(proxyUrl)}` : safeOrigin(url);
  if (cause?.message === 'bad port') {
    return { kind: 'network', code: 'BAD_PORT', message: `the port of ${origin} is one that fetch refuses to use (reserved for another protocol): use another port` };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'network', code, message: `nothing listens at ${origin} (connection refused): is ${viaProxy ? 'the proxy' : 'Loki'} running, and is the port right?` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'network', code, message: `the host of ${origin} is not found (DNS): check the URL` };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET': {
      // A TLS server that wants a client certificate hangs up this way too.
      const tlsHint = url.startsWith('https:') || url.startsWith('wss:') ? '; does it require a client certificate?' : '';
      return { kind: 'network', code, message: `${origin} closed the connection before answering (is it an HTTP server, and is http/https right${tlsHint})` };
    }
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return { kind: 'tls', code, message: `${origin} does not speak TLS: use http:// for this server` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'network', code, message: `${origin} cannot be reached from this machine (no route)` };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'timeout', timeoutMs: 0, message: `connecting to ${origin} timed out: a firewall may drop the packets` };
  }
  if (code.startsWith('HPE_')) {
    return { kind: 'network', code, message: `${origin} answers something that is not HTTP/1.1: is this the port of Loki's HTTP server (3100 by default), not its gRPC port or another service?` };
  }
  if (/CERT|SELF_SIGNED|TLS|SSL|ERR_SSL/i.test(code)) {
    return { kind: 'tls', code, message: `the TLS certificate of ${origin} is not accepted (${code}): give the CA file, or allow insecure TLS for a test server` };
  }
  return { kind: 'network', code, message: `cannot reach ${origin}: ${cause?.message ?? String(e)}` };
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname.replace(/\/loki\/api\/v1\/.*$|\/ready$/, '')}`;
  } catch {
    return 'the server';
  }
}

/** The first bytes of an unexpected answer, printable and short. */
export function preview(bytes: Uint8Array, max = 120): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, max * 4));
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

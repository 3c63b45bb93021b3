/**
 * Every way a Prometheus request can fail, as one union a caller can switch on, each with a
 * message a person can read. Messages never hold a secret: they pass through redact().
 */
import { appError, type AppError } from '../../../shared/model/index';

/** Where Prometheus' parser points, 1-based line and column (UTF-16, as the editor counts) and 0-based offset. */
export interface QueryPosition {
  line: number;
  column: number;
  offset: number;
}

export type PrometheusError =
  /** 400 bad_data: the query or a parameter is wrong; parse errors carry the position. */
  | { kind: 'bad_data'; message: string; position?: QueryPosition }
  /** 422 execution: the query parsed but failed while running. */
  | { kind: 'execution'; message: string }
  /** The server gave up (503 timeout) or no whole answer came within the client's timeout. */
  | { kind: 'timeout'; side: 'server' | 'client'; message: string }
  /** 429 Too Many Requests, still after every retry. */
  | { kind: 'rate_limited'; attempts: number; message: string }
  /** 401 / 403: missing or wrong credentials. */
  | { kind: 'unauthorized'; status: number; message: string }
  /** 404 on an API path: the URL is not a Prometheus root (or lacks its path prefix). */
  | { kind: 'not_found'; status: number; message: string }
  /** Something other than Prometheus' JSON: an HTML login page, a proxy's error page… */
  | { kind: 'unexpected_content'; status: number; contentType: string; firstBytes: string; message: string }
  /** The answer grew past the configured cap; reading stopped there. */
  | { kind: 'too_large'; limitBytes: number; message: string }
  /** Nothing answered: refused, unknown host, reset… `code` is Node's (ECONNREFUSED…). */
  | { kind: 'network'; code: string; message: string }
  /** The TLS handshake failed (unknown CA, wrong name, client certificate refused…). */
  | { kind: 'tls'; code: string; message: string }
  /** The connection's own settings cannot be used (a CA file that cannot be read…). */
  | { kind: 'config'; message: string }
  | { kind: 'cancelled'; message: string }
  /** JSON that does not have the shape of the endpoint's answer. */
  | { kind: 'invalid_answer'; message: string }
  /** Any other failure the server reported (500 internal, 503 unavailable, canceled…). */
  | { kind: 'server'; status: number; errorType: string; message: string };

export type PrometheusErrorKind = PrometheusError['kind'];

/** Replaces every secret by *** (longest first, so a secret containing another is hidden whole). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join('***');
  return out;
}

/** Scrubs the message (and the quoted bytes) of an error. */
export function redactError(error: PrometheusError, secrets: readonly string[]): PrometheusError {
  const out = { ...error, message: redact(error.message, secrets) };
  if (out.kind === 'unexpected_content') out.firstBytes = redact(out.firstBytes, secrets);
  return out;
}

/**
 * Prometheus prints parse errors as `LINE:COL: parse error: …` (after `invalid parameter
 * "query": ` in API answers), COL counted in bytes from 1. Returns the position in the
 * query's own characters, or undefined when the message has none.
 */
export function parseErrorPosition(message: string, query: string): QueryPosition | undefined {
  const m = /(?:^|: )(\d+):(\d+): parse error/.exec(message);
  if (!m) return undefined;
  const line = Number(m[1]);
  const byteColumn = Number(m[2]);
  const lines = query.split('\n');
  if (line < 1 || line > lines.length || byteColumn < 1) return undefined;
  const text = lines[line - 1]!;
  // Go counts bytes; walk the line's characters until that many UTF-8 bytes are behind us.
  const bytes = new TextEncoder().encode(text);
  const prefix = new TextDecoder().decode(bytes.subarray(0, Math.min(byteColumn - 1, bytes.length)));
  const column = prefix.length + 1 + Math.max(0, byteColumn - 1 - bytes.length);
  let offset = column - 1;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return { line, column, offset };
}

const TLS_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/;

/** The innermost Node error code of a fetch failure (fetch wraps the socket's error in `cause`). */
function causeOf(e: unknown): { code: string; message: string } {
  let cur: unknown = e;
  let found = { code: '', message: e instanceof Error ? e.message : String(e) };
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    const code = (cur as NodeJS.ErrnoException).code;
    // The innermost error says most ("fetch failed" wraps it); a code, once found, is kept.
    if (typeof code === 'string') found = { code, message: cur.message };
    else if (!found.code && cur.message) found = { code: '', message: cur.message };
    // AggregateError (IPv4 and IPv6 both refused) keeps the real errors in .errors.
    const inner = (cur as { errors?: unknown[] }).errors?.[0] ?? (cur as { cause?: unknown }).cause;
    cur = inner;
  }
  return found;
}

/** A fetch that threw (no answer at all) → network / tls error in words. */
export function networkError(e: unknown, url: string): PrometheusError {
  const { code, message } = causeOf(e);
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(message)) {
    return { kind: 'tls', code: code || 'TLS', message: `TLS handshake with ${url} failed: ${message}${code ? ` (${code})` : ''}` };
  }
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const words: Record<string, string> = {
    ECONNREFUSED: `nothing listens at ${url} (connection refused)`,
    ENOTFOUND: `unknown host ${host}: the name does not resolve`,
    EAI_AGAIN: `cannot resolve ${host} right now (DNS lookup failed)`,
    ECONNRESET: `${url} closed the connection before answering`,
    EHOSTUNREACH: `host ${host} is unreachable`,
    ENETUNREACH: `the network of ${host} is unreachable`,
    ETIMEDOUT: `connecting to ${url} timed out`,
    UND_ERR_CONNECT_TIMEOUT: `connecting to ${url} timed out`,
    UND_ERR_SOCKET: `${url} closed the connection before answering`,
    UND_ERR_HEADERS_TIMEOUT: `${url} sent no answer headers in time`,
    UND_ERR_BODY_TIMEOUT: `${url} stopped sending its answer`,
  };
  if (message === 'bad port') return { kind: 'network', code: 'BAD_PORT', message: `${url}: fetch refuses to connect to this port (it is on the list of ports blocked for HTTP); use another port` };
  const proxyStatus = /Proxy Authentication Required|Proxy response \((\d+)\)/.exec(message);
  if (proxyStatus && (!proxyStatus[1] || proxyStatus[1] === '407')) return { kind: 'network', code: 'PROXY_AUTH', message: 'the proxy refused the credentials (407 Proxy Authentication Required)' };
  if (proxyStatus) return { kind: 'network', code: 'PROXY', message: `the proxy did not open a tunnel to ${host} (it answered ${proxyStatus[1]})` };
  return { kind: 'network', code: code || 'UNKNOWN', message: words[code] ?? `cannot reach ${url}: ${message}${code ? ` (${code})` : ''}` };
}

/** The AppError a service hands on: the message, and the query position for parse errors. */
export function prometheusToAppError(error: PrometheusError): AppError {
  switch (error.kind) {
    case 'bad_data':
      return error.position ? appError('bad_input', error.message, { line: error.position.line, column: error.position.column, offset: error.position.offset }) : appError('bad_input', error.message);
    case 'execution':
      return appError('bad_input', error.message);
    case 'unauthorized':
      return appError('unauthorized', error.message);
    case 'not_found':
      return appError('not_found', error.message);
    case 'cancelled':
      return appError('cancelled', error.message);
    case 'config':
      return appError('bad_input', error.message);
    case 'too_large':
    case 'unexpected_content':
    case 'invalid_answer':
      return appError('unreadable', error.message);
    default:
      return appError('internal', error.message);
  }
}

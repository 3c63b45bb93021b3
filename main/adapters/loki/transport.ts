/**
 * One HTTP exchange with Loki on undici's fetch: headers (auth, tenant), TLS and proxy through
 * a dispatcher, a timeout per attempt, the caller's AbortSignal, 429 retries with capped
 * backoff, a size cap on the answer read as a stream, and every failure as a LokiFailure whose
 * words never hold a secret.
 */
import { readFileSync } from 'node:fs';
import { Agent, ProxyAgent, fetch, type Dispatcher, type Response } from 'undici';
import { AppFailure, appError } from '../../../shared/model/index';
import { baseHeaders, baseUrlOf, redact, secretsOf, type LokiConfig } from './config';
import { LokiFailure, networkError, preview, statusError, type LokiError } from './errors';

export type Params = Array<[string, string]>;

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Under the base URL, e.g. `/loki/api/v1/query_range`. */
  path: string;
  params?: Params;
  /** POST the params as an `application/x-www-form-urlencoded` body instead of the URL. */
  form?: boolean;
  body?: { contentType: string; data: string };
  /** The LogQL text, to turn Loki's line/column into an offset. */
  query?: string;
  /** `json`: parse the answer; `none`: any 2xx will do (push answers 204). */
  expect: 'json' | 'none';
  signal?: AbortSignal;
}

export interface Answer {
  status: number;
  json: unknown;
  headers: Headers | Response['headers'];
}

export interface Transport {
  readonly config: LokiConfig;
  request(spec: RequestSpec): Promise<Answer>;
  /** The URL a spec would hit (for the tail's WebSocket and for messages). */
  urlOf(path: string, params?: Params): string;
  /** A LokiFailure with every secret taken out of its words. */
  fail(error: LokiError): LokiFailure;
  /** Aborted by close(): requests in flight end as cancelled, tails end. */
  readonly closed: AbortSignal;
  close(): Promise<void>;
}

/** TLS material read once; a missing file is a configuration error in words. */
export function tlsOptions(config: LokiConfig): { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean; servername?: string } {
  const read = (what: string, file: string | undefined): string | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new AppFailure(appError('bad_input', `the ${what} ${file} cannot be read: ${(e as Error).message}`, { path: file }));
    }
  };
  const t = config.tls;
  return {
    ...(t.caFile ? { ca: read('CA file', t.caFile) } : {}),
    ...(t.certFile ? { cert: read('client certificate file', t.certFile) } : {}),
    ...(t.keyFile ? { key: read('client key file', t.keyFile) } : {}),
    ...(t.serverName ? { servername: t.serverName } : {}),
    rejectUnauthorized: !t.insecureSkipVerify,
  };
}

function dispatcherFor(config: LokiConfig): Dispatcher {
  const tls = tlsOptions(config);
  const connect = { ...tls, timeout: Math.min(config.timeoutMs, 10_000) };
  // Our own timer bounds each attempt; undici's 300 s header/body timeouts would only hide it.
  const timeouts = { headersTimeout: 0, bodyTimeout: 0 };
  if (config.proxyUrl) return new ProxyAgent({ uri: config.proxyUrl, requestTls: connect, proxyTls: connect, ...timeouts });
  return new Agent({ connect, ...timeouts });
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = (): void => (clearTimeout(t), reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createTransport(config: LokiConfig): Transport {
  const base = baseUrlOf(config);
  const secrets = secretsOf(config);
  const headers = baseHeaders(config);
  const dispatcher = dispatcherFor(config);
  const closing = new AbortController();

  const urlOf = (path: string, params?: Params): string => {
    const qs = params && params.length ? `?${new URLSearchParams(params).toString()}` : '';
    return `${base}${path}${qs}`;
  };

  const fail = (error: LokiError): LokiFailure => {
    const clean = Object.fromEntries(Object.entries(error).map(([k, v]) => [k, typeof v === 'string' ? redact(v, secrets) : v])) as LokiError;
    return new LokiFailure(clean);
  };

  /** One attempt; a 429 comes back as a value so the caller can wait and retry. */
  async function attempt(spec: RequestSpec): Promise<Answer | { retryAfter: number | null }> {
    const url = spec.form ? urlOf(spec.path) : urlOf(spec.path, spec.params);
    const h: Record<string, string> = { ...headers, Accept: 'application/json' };
    let body: string | undefined;
    if (spec.form) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.params ?? []).toString();
    } else if (spec.body) {
      h['Content-Type'] = spec.body.contentType;
      body = spec.body.data;
    }
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new Error('timeout')), config.timeoutMs);
    const signal = AbortSignal.any([timer.signal, closing.signal, ...(spec.signal ? [spec.signal] : [])]);
    const aborted = (): LokiError | null => {
      if (spec.signal?.aborted || closing.signal.aborted) return { kind: 'cancelled', message: 'cancelled' };
      if (timer.signal.aborted) return { kind: 'timeout', timeoutMs: config.timeoutMs, message: `Loki at ${base} did not answer within ${config.timeoutMs / 1000} s (the timeout of this connection): the server may be overloaded or hanging` };
      return null;
    };
    try {
      let res: Response;
      try {
        res = await fetch(url, { method: spec.method, headers: h, body, signal, dispatcher, redirect: 'manual' });
      } catch (e) {
        throw fail(aborted() ?? networkError(e, url, config.proxyUrl));
      }
      if (res.status === 429) {
        await res.body?.cancel().catch(() => undefined);
        return { retryAfter: retryAfterMs(res.headers.get('retry-after')) };
      }
      const bytes = await readCapped(res, config.maxBodyBytes, url).catch((e) => {
        throw e instanceof LokiFailure ? fail(e.loki) : fail(aborted() ?? networkError(e, url, config.proxyUrl));
      });
      const contentType = res.headers.get('content-type') ?? '(none)';
      const looksHtml = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(preview(bytes, 20));
      const what = `${res.status} ${res.statusText}`.trim();
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location') ?? '(no Location)';
        throw fail({ kind: 'redirected', status: res.status, location, message: `${base} redirects (${what}) to ${location}: use the final URL directly (redirects are not followed so the credentials cannot leak), or check the login or gateway in front of Loki` });
      }
      if (res.status >= 300) {
        const text = new TextDecoder().decode(bytes);
        if (looksHtml && res.status !== 401 && res.status !== 403 && res.status !== 404) {
          throw fail({ kind: 'not_json', status: res.status, contentType, firstBytes: preview(bytes), message: `${base} answered ${what} with a web page (${contentType}) instead of Loki's API: "${preview(bytes)}". Is the URL pointing at Loki?` });
        }
        throw fail(statusError(res.status, res.statusText, errorText(text, contentType), url.split('?')[0]!, spec.query));
      }
      if (spec.expect === 'none') return { status: res.status, json: null, headers: res.headers };
      if (!/json/i.test(contentType) || looksHtml) {
        throw fail({ kind: 'not_json', status: res.status, contentType, firstBytes: preview(bytes), message: `${base} answered ${what} with ${contentType} instead of JSON: "${preview(bytes)}". Is the URL pointing at Loki (not a proxy or login page)?` });
      }
      try {
        return { status: res.status, json: JSON.parse(new TextDecoder().decode(bytes)), headers: res.headers };
      } catch (e) {
        throw fail({ kind: 'not_json', status: res.status, contentType, firstBytes: preview(bytes), message: `the answer of ${base} is not valid JSON (${(e as Error).message}): "${preview(bytes)}"` });
      }
    } finally {
      clearTimeout(timeout);
    }
  }

  async function request(spec: RequestSpec): Promise<Answer> {
    for (let attempts = 1; ; attempts++) {
      if (spec.signal?.aborted || closing.signal.aborted) throw fail({ kind: 'cancelled', message: 'cancelled' });
      const got = await attempt(spec);
      if ('status' in got) return got;
      // 429: wait what the server asked (or 0.5 s, 1 s, 2 s… with jitter), never past the cap.
      const backoff = Math.min(config.retryCapMs, 500 * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5));
      const wait = got.retryAfter ?? backoff;
      if (attempts > config.maxRetries || wait > config.retryCapMs) {
        const after = got.retryAfter === null ? '' : `; it asks to retry after ${Math.ceil(got.retryAfter / 1000)} s`;
        throw fail({ kind: 'rate_limited', status: 429, retryAfterMs: got.retryAfter, attempts, message: `Loki is rate limiting this client (429 Too Many Requests) after ${attempts} attempt${attempts > 1 ? 's' : ''}${after}` });
      }
      try {
        await sleep(wait, AbortSignal.any([closing.signal, ...(spec.signal ? [spec.signal] : [])]));
      } catch {
        throw fail({ kind: 'cancelled', message: 'cancelled' });
      }
    }
  }

  const close = async (): Promise<void> => {
    closing.abort();
    await dispatcher.close();
  };
  return { config, request, urlOf, fail, closed: closing.signal, close };
}

/** Loki's text error, or the `error` of a JSON error body (`/format_query`, gateways). */
function errorText(text: string, contentType: string): string {
  if (!/json/i.test(contentType)) return text;
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof j.error === 'string') return j.error;
    if (typeof j.message === 'string') return j.message;
  } catch {
    // Not JSON after all: keep the text.
  }
  return text;
}

/** Reads the body chunk by chunk and stops at the cap: a 50 MB answer never lands whole. */
async function readCapped(res: Response, cap: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = (seen: string): LokiFailure =>
    new LokiFailure({ kind: 'too_large', limitBytes: cap, message: `the answer of ${url.split('?')[0]} is larger than ${mb(cap)} (${seen}): narrow the time range or lower the limit` });
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(`it announces ${mb(declared)}`);
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge('reading stopped there');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/**
 * One Prometheus API call: fetch (undici) with the connection's dispatcher, a timeout that
 * covers the whole answer, the caller's AbortSignal, 429 retries with capped backoff, a
 * size cap enforced while reading, and Prometheus' JSON envelope unwrapped. Every failure
 * comes back as a PrometheusError in words, scrubbed of secrets.
 */
import { fetch, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { PrometheusSettings } from './config';
import { networkError, parseErrorPosition, redactError, type PrometheusError } from './errors';

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Relative to the base URL, e.g. 'api/v1/query'. */
  path: string;
  params?: [string, string][];
  /** The PromQL text, to place parse errors in it. */
  query?: string;
}

export interface ApiAnswer {
  data: unknown;
  warnings: string[];
  infos: string[];
}

export type ApiResult = { ok: true; answer: ApiAnswer } | { ok: false; error: PrometheusError };

const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

/** Printable start of a body, for messages: control characters out, spaces collapsed. */
function firstBytesOf(bytes: Uint8Array, max = 200): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, max * 4)).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

type BodyResult = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true };

/** Reads the body, giving up (and closing the stream) as soon as it passes `limit` bytes. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyResult> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes: out };
}

const withoutQuery = (url: string): string => {
  const u = new URL(url);
  return u.origin + u.pathname;
};

const mb = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} bytes`);

export interface HttpContext {
  settings: PrometheusSettings;
  dispatcher(): Promise<{ ok: true; dispatcher: Dispatcher } | { ok: false; error: PrometheusError }>;
}

function headersFor(settings: PrometheusSettings, method: 'GET' | 'POST'): Record<string, string> {
  const h: Record<string, string> = { ...settings.headers, accept: 'application/json' };
  if (method === 'POST') h['content-type'] = 'application/x-www-form-urlencoded';
  if (settings.auth.kind === 'basic') h.authorization = `Basic ${Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString('base64')}`;
  else if (settings.auth.kind === 'bearer') h.authorization = `Bearer ${settings.auth.token}`;
  return h;
}

/** Runs one API call; never throws. */
export async function callApi(ctx: HttpContext, call: ApiCall, signal?: AbortSignal): Promise<ApiResult> {
  const result = await callOnce(ctx, call, signal);
  return result.ok ? result : { ok: false, error: redactError(result.error, ctx.settings.secrets) };
}

async function callOnce(ctx: HttpContext, call: ApiCall, signal?: AbortSignal): Promise<ApiResult> {
  const { settings } = ctx;
  const url = new URL(call.path, settings.baseUrl);
  const shownUrl = `${settings.displayUrl}/${call.path}`;
  const form = new URLSearchParams(call.params ?? []);
  if (call.method === 'GET') url.search = form.toString();
  const made = await ctx.dispatcher();
  if (!made.ok) return made;
  const { attempts, baseDelayMs, maxDelayMs } = settings.retry;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return { ok: false, error: { kind: 'cancelled', message: 'cancelled' } };
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new Error('timeout')), settings.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
    const failed = (e: unknown): ApiResult => {
      if (signal?.aborted) return { ok: false, error: { kind: 'cancelled', message: 'cancelled' } };
      if (timer.signal.aborted) return { ok: false, error: { kind: 'timeout', side: 'client', message: `no whole answer from ${shownUrl} within ${settings.timeoutMs / 1000}s (the server hangs or is too slow)` } };
      return { ok: false, error: networkError(e, shownUrl) };
    };
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: headersFor(settings, call.method),
        body: call.method === 'POST' ? form.toString() : undefined,
        dispatcher: made.dispatcher,
        signal: both,
      });
      if (response.status === 429) {
        await response.body?.cancel().catch(() => undefined);
        if (attempt >= attempts) {
          return { ok: false, error: { kind: 'rate_limited', attempts, message: `${shownUrl} answered 429 Too Many Requests ${attempts} time${attempts > 1 ? 's' : ''} in a row; try again later` } };
        }
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        const wait = Math.min(maxDelayMs, retryAfterMs(response.headers.get('retry-after')) ?? backoff);
        clearTimeout(timeout);
        await sleep(wait, signal ?? new AbortController().signal);
        continue;
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      const read = declared > settings.maxBodyBytes ? ({ ok: false, tooLarge: true } as const) : await readCapped(response.body as ReadableStream<Uint8Array> | null, settings.maxBodyBytes);
      if (!read.ok) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, error: { kind: 'too_large', limitBytes: settings.maxBodyBytes, message: `the answer of ${shownUrl} is bigger than ${mb(settings.maxBodyBytes)}; reading stopped there (narrow the query or the time range)` } };
      }
      // A login proxy typically redirects to its own page: say where the answer came from (no query string, it may hold tokens).
      const from = response.redirected ? `${shownUrl} (redirected to ${withoutQuery(response.url)})` : shownUrl;
      return interpret(response.status, response.headers.get('content-type') ?? '', response.headers.get('www-authenticate'), read.bytes, call, from, settings);
    } catch (e) {
      return failed(e);
    } finally {
      clearTimeout(timeout);
    }
  }
}

const ERROR_TYPES: Record<string, (message: string, status: number, call: ApiCall) => PrometheusError> = {
  bad_data: (message, _status, call) => {
    const position = call.query === undefined ? undefined : parseErrorPosition(message, call.query);
    return position ? { kind: 'bad_data', message, position } : { kind: 'bad_data', message };
  },
  execution: (message) => ({ kind: 'execution', message }),
  timeout: (message) => ({ kind: 'timeout', side: 'server', message: `Prometheus gave up: ${message}` }),
};

/** An HTTP answer (status, type, bytes) → the envelope's data and warnings, or the error it says. */
function interpret(status: number, contentType: string, wwwAuthenticate: string | null, bytes: Uint8Array, call: ApiCall, shownUrl: string, settings: PrometheusSettings): ApiResult {
  if (status === 401 || status === 403) {
    const given = settings.auth.kind !== 'none';
    const what = status === 401 ? '401 Unauthorized' : '403 Forbidden';
    const message = given
      ? `${settings.displayUrl} refused the credentials (${what}): check the user name and password or the token`
      : `${settings.displayUrl} requires authentication (${what}${wwwAuthenticate ? `, it asks for ${wwwAuthenticate.split(' ')[0]}` : ''}): add a user name and password or a token`;
    return { ok: false, error: { kind: 'unauthorized', status, message } };
  }
  const isJson = /[/+]json\b/i.test(contentType);
  if (!isJson) {
    if (status === 404) {
      return { ok: false, error: { kind: 'not_found', status, message: `${shownUrl}: 404 Not Found; is ${settings.displayUrl} the root of a Prometheus server (with its path prefix, if any)?` } };
    }
    const firstBytes = firstBytesOf(bytes);
    const shownType = contentType || 'no content type';
    return { ok: false, error: { kind: 'unexpected_content', status, contentType: shownType, firstBytes, message: `${shownUrl} answered ${status} with ${shownType}, not Prometheus' JSON: ${JSON.stringify(firstBytes)}` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    const firstBytes = firstBytesOf(bytes);
    return { ok: false, error: { kind: 'unexpected_content', status, contentType, firstBytes, message: `${shownUrl} answered ${status} with JSON that does not parse: ${JSON.stringify(firstBytes)}` } };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, error: { kind: 'invalid_answer', message: `${shownUrl} answered ${status} with JSON that is not a Prometheus API answer (no "status": "success" or "error")` } };
  }
  const e = envelope.data;
  if (e.status === 'error' || status >= 400) {
    const errorType = e.errorType ?? 'unknown';
    const message = e.error ?? `${shownUrl} answered ${status} without an error message`;
    const make = ERROR_TYPES[errorType];
    if (make) return { ok: false, error: make(message, status, call) };
    if (errorType === 'canceled') return { ok: false, error: { kind: 'server', status, errorType, message: `Prometheus cancelled the query: ${message}` } };
    return { ok: false, error: { kind: 'server', status, errorType, message: `Prometheus failed (${status}, ${errorType}): ${message}` } };
  }
  return { ok: true, answer: { data: e.data, warnings: e.warnings ?? [], infos: e.infos ?? [] } };
}

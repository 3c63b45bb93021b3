/**
 * A Prometheus connection's settings, validated once when the client is made. Secrets
 * (password, token, header values, proxy credentials) are gathered here so that every
 * message the client produces can be scrubbed of them (see redact.ts).
 */
import { z } from 'zod';
import { AppFailure, appError } from '../../../shared/model/index';

/** RFC 7230 token: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers the client sets itself; a custom one would silently fight with them. */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'host', 'accept-encoding', 'connection', 'transfer-encoding']);

const httpUrl = (what: string) =>
  z.string().refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, `${what} must be an http:// or https:// URL`);

export const prometheusAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1, 'the user name is empty'), password: z.string() }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1, 'the token is empty') }),
]);

export const prometheusTlsSchema = z
  .object({
    /** PEM file of the CA(s) that signed the server's certificate, added to Node's roots. */
    caFile: z.string().min(1).optional(),
    /** Accept any server certificate (self-signed, wrong name). Says so in test(). */
    insecureSkipVerify: z.boolean().default(false),
    /** Client certificate and key (PEM files), for servers that require one. */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** The name to check the certificate against, when it differs from the URL's host. */
    serverName: z.string().min(1).optional(),
  })
  .refine((t) => !t.certFile === !t.keyFile, 'a client certificate needs both certFile and keyFile');

export const prometheusConfigSchema = z.object({
  /** The server's root, e.g. http://127.0.0.1:9090 or https://host/prometheus (a path prefix). */
  url: httpUrl('the Prometheus URL'),
  auth: prometheusAuthSchema.default({ kind: 'none' }),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .superRefine((h, ctx) => {
      for (const [name, value] of Object.entries(h)) {
        if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', message: `header name ${JSON.stringify(name)} is not a valid HTTP header name` });
        else if (RESERVED_HEADERS.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', message: `header ${name} is set by Vigie and cannot be overridden` });
        if (/[\r\n\0]/.test(value)) ctx.addIssue({ code: 'custom', message: `header ${name}: a value may not contain line breaks` });
      }
    }),
  tls: prometheusTlsSchema.default({ insecureSkipVerify: false }),
  /** An HTTP proxy (http://[user:pass@]host:port); https targets are tunnelled with CONNECT. */
  proxyUrl: httpUrl('the proxy URL').optional(),
  /** Time allowed for one request, from sending to the last byte of the answer. */
  timeoutMs: z.number().int().positive().max(3_600_000).default(30_000),
  /** Answers bigger than this are abandoned while reading (a clear error, nothing frozen). */
  maxBodyBytes: z.number().int().positive().default(50 * 1024 * 1024),
  /** 429 Too Many Requests: tries in all, and the backoff (doubling, capped; Retry-After wins if smaller than the cap). */
  retry: z
    .object({ attempts: z.number().int().min(1).max(10).default(3), baseDelayMs: z.number().int().min(0).default(500), maxDelayMs: z.number().int().min(0).default(10_000) })
    .default({ attempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 }),
});

export type PrometheusConfigInput = z.input<typeof prometheusConfigSchema>;

/** The validated settings, with credentials moved out of the URL and the secrets listed. */
export interface PrometheusSettings extends Omit<z.output<typeof prometheusConfigSchema>, 'url'> {
  /** The base URL without credentials, ending with '/'. */
  baseUrl: URL;
  /** The URL as shown to people: no credentials, no trailing slash. */
  displayUrl: string;
  /** Every secret string, to scrub from messages. */
  secrets: string[];
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates a configuration; throws an AppFailure('bad_input') naming what is wrong (never a secret). */
export function parsePrometheusConfig(input: PrometheusConfigInput): PrometheusSettings {
  const parsed = prometheusConfigSchema.safeParse(input);
  if (!parsed.success) throw new AppFailure(appError('bad_input', `Prometheus connection: ${describeIssues(parsed.error)}`));
  const { url, ...rest } = parsed.data;
  const base = new URL(url);
  let auth = rest.auth;
  // fetch refuses URLs with credentials; http://user:pass@host is still what people paste.
  if (base.username || base.password) {
    if (auth.kind !== 'none') throw new AppFailure(appError('bad_input', 'Prometheus connection: credentials are given both in the URL and as authentication'));
    auth = { kind: 'basic', username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
    base.username = '';
    base.password = '';
  }
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const secrets: string[] = [];
  if (auth.kind === 'basic') {
    if (auth.password) secrets.push(auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
  } else if (auth.kind === 'bearer') secrets.push(auth.token);
  // Custom headers often carry API keys; short values ("1", "true") would only garble messages.
  for (const value of Object.values(rest.headers)) if (value.length >= 4) secrets.push(value);
  if (rest.proxyUrl) {
    const proxy = new URL(rest.proxyUrl);
    if (proxy.password) secrets.push(proxy.password, decodeURIComponent(proxy.password));
  }
  const displayUrl = base.href.replace(/\/$/, '');
  return { ...rest, auth, baseUrl: base, displayUrl, secrets: [...new Set(secrets.filter((s) => s.length > 0))] };
}

/**
 * What a Loki connection needs, validated once at construction: a bad URL or a password
 * hidden in the URL is refused with a sentence, before any request is made.
 */
import { z } from 'zod';

const authSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1, 'the user name is empty'), password: z.string() }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1, 'the token is empty') }),
]);
export type LokiAuth = z.infer<typeof authSchema>;

const tlsSchema = z
  .object({
    /** A PEM file of the CAs to trust instead of the system's. */
    caFile: z.string().min(1).optional(),
    /** Accept any server certificate (self-signed test servers). Says so in `test()`. */
    insecureSkipVerify: z.boolean().default(false),
    /** Client certificate and key (PEM files) for mutual TLS. */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** The name to check the certificate against, when it differs from the URL's host. */
    serverName: z.string().min(1).optional(),
  })
  .refine((t) => !t.certFile === !t.keyFile, { message: 'a client certificate needs both its certificate file and its key file' });
export type LokiTls = z.infer<typeof tlsSchema>;

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'connection', 'upgrade', 'transfer-encoding']);

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');
// eslint-disable-next-line no-control-regex
const headerValue = z.string().regex(/^[^\x00-\x08\x0a-\x1f\x7f]*$/, 'a header value cannot hold line breaks or control characters');

export const lokiConfigSchema = z
  .object({
    /** Where Loki answers, e.g. `http://127.0.0.1:3100` or `https://logs.example.com/loki-prefix`. */
    url: z.string().min(1, 'the URL is empty'),
    /** `X-Scope-OrgID`; required by Loki when `auth_enabled: true` (`a|b` queries several tenants). */
    tenant: headerValue.min(1, 'the tenant is empty').optional(),
    auth: authSchema.default({ kind: 'none' }),
    headers: z.record(headerName, headerValue).default({}),
    tls: tlsSchema.default({ insecureSkipVerify: false }),
    /** An HTTP proxy, e.g. `http://proxy:3128` (requests tunnel through it with CONNECT). */
    proxyUrl: z.string().min(1).optional(),
    /** Per request, from sending to the last byte of the answer. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Answers larger than this are refused (read stops there): nothing huge lands in memory. */
    maxBodyBytes: z.number().int().positive().default(50 * 1024 * 1024),
    /** 429 answers are retried this many times, waiting Retry-After (capped) or a backoff. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    retryCapMs: z.number().int().positive().default(30_000),
    /** query_range over longer spans is split into sub-queries of this length (Grafana: 1 day). */
    splitIntervalMs: z.number().int().positive().default(24 * 3600 * 1000),
    /** A tail that hears nothing (Loki pings every second) for this long is declared dead. */
    tailIdleMs: z.number().int().positive().default(15_000),
  })
  .superRefine((c, ctx) => {
    const url = parseHttpUrl(c.url);
    if (typeof url === 'string') ctx.addIssue({ code: 'custom', path: ['url'], message: url });
    if (c.proxyUrl !== undefined) {
      const proxy = parseHttpUrl(c.proxyUrl);
      if (typeof proxy === 'string') ctx.addIssue({ code: 'custom', path: ['proxyUrl'], message: proxy });
    }
    for (const name of Object.keys(c.headers)) {
      const lower = name.toLowerCase();
      if (FORBIDDEN_HEADERS.has(lower)) ctx.addIssue({ code: 'custom', path: ['headers', name], message: `${name} is set by the client itself` });
      if (lower === 'x-scope-orgid' && c.tenant !== undefined) ctx.addIssue({ code: 'custom', path: ['headers', name], message: 'the tenant is set twice: in the tenant field and as a custom header' });
      if (lower === 'authorization' && c.auth.kind !== 'none') ctx.addIssue({ code: 'custom', path: ['headers', name], message: 'Authorization is set twice: by the auth settings and as a custom header' });
    }
  });
export type LokiConfigInput = z.input<typeof lokiConfigSchema>;
export type LokiConfig = z.output<typeof lokiConfigSchema>;

/** A URL we can talk to, or why not (never echoing credentials). */
function parseHttpUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text.replace(/\/\/[^@/]*@/, '//…@')}" is not a URL (expected e.g. http://127.0.0.1:3100)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are not supported: use http:// or https://`;
  if (url.username || url.password) return 'the URL holds a user or password: put them in the basic auth fields, which are kept in the keychain';
  if (url.search || url.hash) return 'the URL must not carry a query (?…) or fragment (#…)';
  return url;
}

/** The base URL without a trailing slash: `http://h:3100/prefix`. */
export function baseUrlOf(config: LokiConfig): string {
  return config.url.replace(/\/+$/, '');
}

/** Every secret of a config: what must never appear in a message or a log. */
export function secretsOf(config: LokiConfig): string[] {
  const out: string[] = [];
  if (config.auth.kind === 'basic') {
    if (config.auth.password) out.push(config.auth.password);
    out.push(Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64'));
  }
  if (config.auth.kind === 'bearer') out.push(config.auth.token);
  for (const [name, value] of Object.entries(config.headers)) {
    // Custom headers often carry API keys; anything that looks like one is treated as secret.
    if (/auth|token|key|secret|cookie|password/i.test(name) && value.length >= 4) out.push(value);
  }
  return out.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** Replaces every secret in a text by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

/** The headers every request carries (auth, tenant, custom). */
export function baseHeaders(config: LokiConfig): Record<string, string> {
  const h: Record<string, string> = { ...config.headers };
  if (config.tenant !== undefined) h['X-Scope-OrgID'] = config.tenant;
  if (config.auth.kind === 'basic') h.Authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
  if (config.auth.kind === 'bearer') h.Authorization = `Bearer ${config.auth.token}`;
  return h;
}

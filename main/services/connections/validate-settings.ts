/**
 * Connection settings from a form → valid settings, or every problem with the field it
 * belongs to ("url", "headers.1.name", "tls.keyFile"). Beyond the schema: URLs must be
 * http(s) without credentials (a password in a URL would land in the settings file), header
 * names are HTTP tokens and do not fight with the auth or tenant settings, a client
 * certificate comes with its key.
 */
import { connectionSettingsSchema, type ConnectionSettings, type FieldError } from '../../../shared/contract/connections';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Set by the HTTP client itself; a custom value would silently fight with it. */
const RESERVED = new Set(['host', 'content-length', 'content-type', 'connection', 'upgrade', 'transfer-encoding', 'accept-encoding']);
const CONTROL = /[\0-\x1f\x7f]/;

export type Validated = { ok: true; settings: ConnectionSettings } | { ok: false; errors: FieldError[] };

function urlProblem(text: string, what: string, example: string): string | null {
  // "127.0.0.1:9090", "localhost:9090" (which parses, as scheme "localhost:"), "prom.example/x":
  // the scheme is missing. Suggested only when no credentials could be echoed.
  if (!text.includes('://') && !text.includes('@') && /^[\w.-]+(:\d+)?(\/\S*)?$/.test(text)) return `${what} needs its scheme: http://${text} or https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a URL: expected e.g. ${example}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${what} must start with http:// or https:// (not ${url.protocol}//)`;
  if (url.username || url.password) return `${what} must not hold a user or password: use the authentication fields, whose secrets are kept out of the settings file`;
  if (url.search || url.hash) return `${what} must not carry a query (?…) or a fragment (#…)`;
  return null;
}

export function validateSettings(input: unknown): Validated {
  const parsed = connectionSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'kind', message: fieldMessage(i) })) };
  }
  const s = parsed.data;
  const errors: FieldError[] = [];
  const add = (field: string, message: string): void => void errors.push({ field, message });

  if (s.kind === 'ssh') {
    if (/\s/.test(s.host) || s.host.startsWith('-')) add('host', 'a host name or address, without spaces, not starting with "-"');
    if (/[\s@:]/.test(s.user) || s.user.startsWith('-')) add('user', 'a user name, without spaces, "@" or ":"');
    return errors.length ? { ok: false, errors } : { ok: true, settings: s };
  }

  const urlErr = urlProblem(s.url, 'the URL', s.kind === 'loki' ? 'http://127.0.0.1:3100' : s.kind === 'prometheus' ? 'http://127.0.0.1:9090' : 'http://127.0.0.1:9093');
  if (urlErr) add('url', urlErr);
  if (s.proxyUrl !== undefined) {
    const proxyErr = urlProblem(s.proxyUrl, 'the proxy URL', 'http://proxy.example:3128');
    if (proxyErr) add('proxyUrl', proxyErr);
  }
  if (s.tenant !== undefined && CONTROL.test(s.tenant)) add('tenant', 'a tenant id cannot contain control characters');
  if (!s.tls.certFile !== !s.tls.keyFile) add(s.tls.certFile ? 'tls.keyFile' : 'tls.certFile', 'a client certificate needs both its certificate file and its key file');
  if (s.tls.insecureSkipVerify && s.tls.caFile) add('tls.caFile', 'a CA file has no effect when certificate verification is skipped');

  const seen = new Map<string, number>();
  s.headers.forEach((h, i) => {
    const lower = h.name.toLowerCase();
    if (!HEADER_NAME.test(h.name)) add(`headers.${i}.name`, `"${h.name}" is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~)`);
    else if (RESERVED.has(lower)) add(`headers.${i}.name`, `${h.name} is set by the HTTP client itself`);
    else if (lower === 'authorization' && s.auth.type !== 'none') add(`headers.${i}.name`, 'Authorization is set twice: by the authentication settings and as a custom header');
    else if (lower === 'x-scope-orgid' && s.tenant !== undefined) add(`headers.${i}.name`, 'the tenant is set twice: in the tenant field and as a custom header');
    const first = seen.get(lower);
    if (first !== undefined) add(`headers.${i}.name`, `header ${h.name} is already set (line ${first + 1})`);
    else seen.set(lower, i);
    if (!h.secret && h.value !== undefined && CONTROL.test(h.value.replace(/\t/g, ''))) add(`headers.${i}.value`, 'a header value cannot contain line breaks or control characters');
    if (!h.secret && !h.value) add(`headers.${i}.value`, 'a value is required (or mark the header secret and enter it there)');
  });
  // A secret header's value never lives in the settings.
  const headers = s.headers.map((h) => (h.secret ? { name: h.name, secret: true } : h));
  return errors.length ? { ok: false, errors } : { ok: true, settings: { ...s, headers } };
}

function fieldMessage(issue: { code: string; message: string; path: PropertyKey[]; expected?: unknown }): string {
  if (issue.code === 'invalid_union' && (issue.path.length === 0 || (issue.path.length === 1 && issue.path[0] === 'kind'))) return 'choose a kind: loki, prometheus, alertmanager or ssh';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'a number is required';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'required';
  return issue.message;
}

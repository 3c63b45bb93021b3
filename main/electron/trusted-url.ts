/**
 * Which URLs may leave the app for the user's browser (shell.openExternal). Pure: no electron
 * import, so it is tested under plain vitest against spoofed URLs.
 *
 * Log lines, rule annotations and Loki answers are untrusted text that can hold links, so the
 * rule is an allow-list, checked twice (on the raw text and on the parsed URL) and strict:
 * - https: only. Not http:, not even for localhost: a crafted link in a log line could fire a
 *   GET at a service on the user's machine (a local Grafana, Prometheus /-/quit…), and a
 *   localhost link is rarely documentation. file:, javascript:, data:, custom schemes: never.
 * - the authority is plain ASCII `host` — no userinfo (`https://grafana.com@evil.example`),
 *   no port, no percent-escapes, no backslashes, no IP literals, no trailing dot. Browsers
 *   would "fix" some of these; we refuse rather than guess what the user saw.
 * - the host equals an allow-listed host, or is a subdomain of an entry written `*.host`.
 * - nothing non-ASCII or invisible anywhere in the raw text: homographs (Cyrillic "а") and
 *   bidi overrides are how links lie; the parser would turn them into punycode we never list.
 * What is opened is the parser's normalised href, never the raw string.
 */

/** Longer URLs are refused: no documentation link needs more, and it bounds the work. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The hosts Vigie links to from its own UI (docs of the stack it plays locally). */
export const DEFAULT_TRUSTED_HOSTS: readonly string[] = [
  'grafana.com',
  'prometheus.io',
  'github.com',
];

// Scheme, then an authority made of host characters only, then a path/query/fragment or end.
const RAW_SHAPE = /^https:\/\/([a-z0-9.-]+)(?=[/?#]|$)/i;
// Printable ASCII only: rejects controls, spaces, DEL and every non-ASCII code point.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isDnsName(host: string): boolean {
  const labels = host.split('.');
  // At least "name.tld"; every label well formed; the TLD not numeric (rules out IPv4 forms).
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  for (const raw of allowed) {
    const entry = raw.toLowerCase();
    if (entry.startsWith('*.')) {
      const base = entry.slice(2);
      if (isDnsName(base) && host.endsWith(`.${base}`)) return true;
    } else if (isDnsName(entry) && host === entry) {
      return true;
    }
  }
  return false;
}

/**
 * The normalised URL to hand to shell.openExternal, or null when the URL is not trusted.
 * `allowedHosts` entries are exact hosts ("github.com") or subdomain wildcards ("*.grafana.com",
 * which does not include "grafana.com" itself).
 */
export function trustedExternalUrl(url: unknown, allowedHosts: readonly string[] = DEFAULT_TRUSTED_HOSTS): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (!PRINTABLE_ASCII.test(url) || url.includes('\\')) return null;
  const shape = RAW_SHAPE.exec(url);
  if (!shape) return null;
  const rawHost = shape[1]!.toLowerCase();
  if (!isDnsName(rawHost)) return null;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // The parser must agree with what we read in the raw text, or something is being smuggled.
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  if (parsed.hostname !== rawHost) return null;
  if (!hostAllowed(parsed.hostname, allowedHosts)) return null;
  return parsed.href;
}

export function isTrustedExternalUrl(url: unknown, allowedHosts: readonly string[] = DEFAULT_TRUSTED_HOSTS): boolean {
  return trustedExternalUrl(url, allowedHosts) !== null;
}

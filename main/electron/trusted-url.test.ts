import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUSTED_HOSTS, isTrustedExternalUrl, MAX_EXTERNAL_URL_LENGTH, trustedExternalUrl } from './trusted-url';

const hosts = ['grafana.com', 'prometheus.io', 'github.com', '*.grafana.net'];

// [sentence, url, trusted]
const cases: [string, unknown, boolean][] = [
  ['a plain https link to an allowed host is trusted', 'https://grafana.com/docs/loki/latest/', true],
  ['a query string and fragment do not matter', 'https://prometheus.io/docs/?q=rate#range', true],
  ['a host with no path is trusted', 'https://github.com', true],
  ['a mixed-case scheme and host are the same https URL', 'HTTPS://GitHub.COM/grafana/loki', true],
  ['percent-escapes in the path are fine', 'https://github.com/a%20b/%2e%2e/c', true],
  ['a subdomain of a wildcard entry is trusted', 'https://play.grafana.net/explore', true],
  ['the bare domain of a wildcard entry is not', 'https://grafana.net/', false],
  ['a subdomain of an exact entry is not', 'https://evil.github.com/', false],
  ['http is refused even for an allowed host', 'http://grafana.com/', false],
  ['http to localhost is refused (could poke local services)', 'http://localhost:3000/', false],
  ['https to localhost is refused', 'https://localhost/', false],
  ['userinfo in front of the host is refused', 'https://grafana.com@evil.example/', false],
  ['userinfo that names the allowed host after @ is refused too', 'https://user:pw@grafana.com/', false],
  ['an allowed host used as a subdomain of another is refused', 'https://grafana.com.evil.example/', false],
  ['a lookalike suffix is refused', 'https://evilgithub.com/', false],
  ['a Cyrillic homograph is refused', 'https://grаfana.com/', false],
  ['a punycode host is refused', 'https://xn--grfana-2nf.com/', false],
  ['a right-to-left override anywhere is refused', 'https://github.com/\u202Egpj.exe', false],
  ['javascript: is refused', 'javascript:alert(1)//https://github.com', false],
  ['mixed-case javascript: is refused', 'JaVaScRiPt:alert(1)', false],
  ['file: is refused', 'file:///etc/passwd', false],
  ['data: is refused', 'data:text/html,<script>alert(1)</script>', false],
  ['a custom scheme is refused', 'vigie://open', false],
  ['a backslash authority trick is refused', 'https://github.com\\@evil.example/', false],
  ['backslashes as slashes are refused', 'https:\\\\github.com\\', false],
  ['a missing double slash is refused', 'https:github.com/', false],
  ['an empty authority is refused', 'https:///github.com/', false],
  ['a trailing dot on the host is refused', 'https://github.com./', false],
  ['an explicit port is refused, even 443', 'https://github.com:443/', false],
  ['a non-default port is refused', 'https://github.com:8443/', false],
  ['a percent-encoded host is refused', 'https://git%68ub.com/', false],
  ['an IPv4 literal is refused', 'https://140.82.112.3/', false],
  ['an IPv6 literal is refused', 'https://[::1]/', false],
  ['leading whitespace is refused', ' https://github.com/', false],
  ['an embedded tab or newline is refused', 'https://git\thub.com/', false],
  ['a NUL byte is refused', 'https://github.com/\0', false],
  ['an empty string is refused', '', false],
  ['a non-string is refused', 42, false],
  ['a URL of the maximum length is trusted', `https://github.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH - 19)}`, true],
  ['a very long URL is refused', `https://github.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`, false],
];

describe('isTrustedExternalUrl', () => {
  it.each(cases)('%s', (_name, url, trusted) => {
    expect(isTrustedExternalUrl(url, hosts)).toBe(trusted);
  });
});

describe('trustedExternalUrl', () => {
  it('returns the normalised href, which is what gets opened', () => {
    expect(trustedExternalUrl('HTTPS://GitHub.COM', hosts)).toBe('https://github.com/');
  });

  it('ignores malformed allow-list entries instead of trusting everything', () => {
    expect(isTrustedExternalUrl('https://github.com/', ['', '*.', '*', '.com'])).toBe(false);
  });

  it('trusts the documentation hosts by default', () => {
    expect(DEFAULT_TRUSTED_HOSTS).toContain('grafana.com');
    expect(isTrustedExternalUrl('https://prometheus.io/docs/')).toBe(true);
    expect(isTrustedExternalUrl('https://example.com/')).toBe(false);
  });
});

/**
 * `ip("…")` line and label filters, after Loki's ip.go: the pattern is one address, a CIDR
 * prefix or an `a-b` range (Go's net/netip and netipx parsing rules); a line matches when any
 * IP-looking token in it (found with Loki's hints and charsets) parses and falls in the pattern.
 */

/** An address as Go's netip.Addr: family and a 128-bit value (IPv4 in the low 32 bits). */
export interface IpAddr {
  v4: boolean;
  value: bigint;
}

export type IpMatcher = (ip: IpAddr) => boolean;

function parseIPv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(s: string): bigint | null {
  if (s.includes('%')) return null;
  let head = s;
  let tailV4: bigint | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    tailV4 = parseIPv4(s.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = head.indexOf('::');
  if (dbl >= 0 && head.indexOf('::', dbl + 1) >= 0) return null;
  const groups = (part: string): string[] | null => (part === '' ? [] : part.split(':'));
  let left: string[] | null;
  let right: string[] | null;
  if (dbl >= 0) {
    left = groups(head.slice(0, dbl));
    right = groups(head.slice(dbl + 2));
  } else {
    left = groups(head);
    right = [];
  }
  if (!left || !right) return null;
  const all = [...left, ...right];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const total = left.length + right.length;
  if (dbl >= 0 ? total > 7 : total !== 8) return null;
  const fill = 8 - total;
  const words = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => BigInt(parseInt(g, 16)));
  let v = 0n;
  for (const w of words) v = (v << 16n) | w;
  if (tailV4 !== null) v = (v & ~0xffffffffn) | tailV4;
  return v;
}

/** Go's netip.ParseAddr (no zones: Loki's charsets never let one through). */
export function parseAddr(s: string): IpAddr | null {
  if (s.includes(':')) {
    const v = parseIPv6(s);
    return v === null ? null : { v4: false, value: v };
  }
  const v = parseIPv4(s);
  return v === null ? null : { v4: true, value: v };
}

function sameAddr(a: IpAddr, b: IpAddr): boolean {
  return a.v4 === b.v4 && a.value === b.value;
}

/** The pattern → a matcher, or null when Loki would say "ip: invalid pattern". */
export function ipPattern(pattern: string): IpMatcher | null {
  const single = parseAddr(pattern);
  if (single) return (ip) => sameAddr(ip, single);
  const slash = pattern.indexOf('/');
  if (slash >= 0) {
    const addr = parseAddr(pattern.slice(0, slash));
    const bitsText = pattern.slice(slash + 1);
    if (addr && /^(0|[1-9]\d{0,2})$/.test(bitsText)) {
      const bits = Number(bitsText);
      const width = addr.v4 ? 32 : 128;
      if (bits <= width) {
        const shift = BigInt(width - bits);
        const prefix = addr.value >> shift;
        return (ip) => ip.v4 === addr.v4 && ip.value >> shift === prefix;
      }
    }
  }
  const dash = pattern.indexOf('-');
  if (dash >= 0) {
    const from = parseAddr(pattern.slice(0, dash));
    const to = parseAddr(pattern.slice(dash + 1));
    if (from && to && from.v4 === to.v4 && from.value <= to.value) {
      return (ip) => ip.v4 === from.v4 && ip.value >= from.value && ip.value <= to.value;
    }
  }
  return null;
}

const V4_CHARS = /[0-9.]/;
const V6_CHARS = /[0-9a-fA-F:.]/;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function ipv6Hint(s: string, i: number): boolean {
  const a = s[i];
  const b = s[i + 1];
  const c = s[i + 2];
  const d = s[i + 3];
  const e = s[i + 4];
  return (
    (a === ':' && b === ':' && isHex(c)) ||
    (isHex(a) && b === ':') ||
    (isHex(a) && isHex(b) && c === ':') ||
    (isHex(a) && isHex(b) && isHex(c) && d === ':') ||
    (isHex(a) && isHex(b) && isHex(c) && isHex(d) && e === ':')
  );
}

/** Loki's ipFilter.filter: scans the text for IP-looking tokens and tests each. */
export function ipTextMatches(matcher: IpMatcher, text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const tryAt = (start: number, charset: RegExp): [boolean, number] => {
    let end = start;
    while (end < n && charset.test(text[end]!)) end++;
    const ip = parseAddr(text.slice(start, end));
    if (ip && matcher(ip)) return [true, 0];
    return [false, end - start];
  };
  for (let i = 0; i < n; i++) {
    if (i + 3 < n && isDigit(text[i]) && (text[i + 1] === '.' || text[i + 2] === '.' || text[i + 3] === '.')) {
      const [ok, len] = tryAt(i, V4_CHARS);
      if (ok) return true;
      i += len;
      continue;
    }
    if (ipv6Hint(text, i)) {
      const [ok, len] = tryAt(i, V6_CHARS);
      if (ok) return true;
      i += len;
      continue;
    }
  }
  return false;
}

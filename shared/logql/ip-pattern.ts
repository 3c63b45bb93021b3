/**
 * Loki's ip() pattern grammar (pkg/logql/log/ip.go getMatcher): a single address
 * (netip.ParseAddr), a CIDR prefix (netip.ParsePrefix) or a range `a-b`
 * (netipx.ParseIPRange), IPv4 or IPv6. Only validation lives here: the engine matches.
 */

export type IpAddr = { v: 4 | 6; bytes: number[] };

function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // netip rejects leading zeros and empty fields.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | null {
  if (s.includes('%')) {
    const [addr, zone] = s.split('%', 2) as [string, string];
    if (!zone) return null;
    s = addr;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const fields = h.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (i === fields.length - 1 && f.includes('.')) {
        const v4 = parseV4(f);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(f)) out.push(parseInt(f, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const n = head.length + tail.length;
  if (halves.length === 2 ? n > 7 : n !== 8) return null;
  const all = [...head, ...new Array<number>(8 - n).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** netip.ParseAddr (zones allowed on IPv6). */
export function parseIpAddr(s: string): IpAddr | null {
  if (s.includes(':')) {
    const b = parseV6(s);
    return b ? { v: 6, bytes: b } : null;
  }
  const b = parseV4(s);
  return b ? { v: 4, bytes: b } : null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Whether `pattern` is a valid ip() argument. */
export function isValidIpPattern(pattern: string): boolean {
  if (parseIpAddr(pattern)) return true;
  const slash = pattern.indexOf('/');
  if (slash >= 0) {
    const addr = parseIpAddr(pattern.slice(0, slash));
    const bits = pattern.slice(slash + 1);
    if (addr && !pattern.includes('%') && /^(0|[1-9][0-9]*)$/.test(bits) && Number(bits) <= (addr.v === 4 ? 32 : 128)) return true;
  }
  const dash = pattern.indexOf('-');
  if (dash >= 0 && !pattern.includes('%')) {
    const from = parseIpAddr(pattern.slice(0, dash));
    const to = parseIpAddr(pattern.slice(dash + 1));
    if (from && to && from.v === to.v && compare(from.bytes, to.bytes) <= 0) return true;
  }
  return false;
}

/** Loki's message for an invalid pattern. */
export function ipPatternError(pattern: string): string | null {
  return isValidIpPattern(pattern) ? null : `ip: invalid pattern: ${JSON.stringify(pattern)}`;
}

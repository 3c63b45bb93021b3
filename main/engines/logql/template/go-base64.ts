// encoding/base64 StdEncoding: encode, and a decoder that reports Go's error text
// ("illegal base64 data at input byte N"), which Loki's b64dec prints instead of failing.

import { utf8Decode, utf8Encode } from './utf8';

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function b64encode(s: string): string {
  const b = utf8Encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ALPHA[(n >> 18) & 63]! + ALPHA[(n >> 12) & 63]!;
    out += i + 1 < b.length ? ALPHA[(n >> 6) & 63]! : '=';
    out += i + 2 < b.length ? ALPHA[n & 63]! : '=';
  }
  return out;
}

export function b64decode(s: string): { ok: true; value: string } | { ok: false; error: string } {
  const bad = (i: number) => ({ ok: false as const, error: `illegal base64 data at input byte ${i}` });
  const out: number[] = [];
  const quantum: number[] = [];
  let qStart = 0;
  let padded = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\r' || c === '\n') continue;
    if (padded) return bad(i);
    if (c === '=') {
      if (quantum.length < 2) return bad(i);
      // "xx==" or "xxx=": the quantum ends here.
      let j = i + 1;
      while (s[j] === '\r' || s[j] === '\n') j++;
      if (quantum.length === 2) {
        if (s[j] !== '=') return bad(j < s.length ? j : i);
        j++;
      }
      const n = (quantum[0]! << 18) | (quantum[1]! << 12) | ((quantum[2] ?? 0) << 6);
      out.push((n >> 16) & 255);
      if (quantum.length === 3) out.push((n >> 8) & 255);
      quantum.length = 0;
      padded = true;
      i = j - 1;
      continue;
    }
    const v = ALPHA.indexOf(c);
    if (v < 0) return bad(i);
    if (quantum.length === 0) qStart = i;
    quantum.push(v);
    if (quantum.length === 4) {
      const n = (quantum[0]! << 18) | (quantum[1]! << 12) | (quantum[2]! << 6) | quantum[3]!;
      out.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
      quantum.length = 0;
    }
  }
  if (quantum.length > 0) return bad(quantum.length === 1 ? qStart : s.length);
  return { ok: true, value: utf8Decode(Uint8Array.from(out)) };
}

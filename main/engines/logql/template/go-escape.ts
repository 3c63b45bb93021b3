// The escapers behind the html, js and urlquery builtins and Loki's urlencode/urldecode:
// text/template's HTMLEscapeString and JSEscapeString, net/url's QueryEscape/QueryUnescape.

import { isPrint, quote } from './go-strconv';
import { utf8Decode, utf8Encode } from './utf8';

const HTML: Record<string, string> = { '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function htmlEscape(s: string): string {
  return /["'&<>\0]/.test(s) ? s.replace(/["'&<>\0]/g, (c) => HTML[c]!) : s;
}

const JS: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (JS[ch]) out += JS[ch];
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(s)) return s;
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && UNRESERVED.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** url.QueryUnescape: the text, or Go's error. */
export function queryUnescape(s: string): { ok: true; value: string } | { ok: false; error: string } {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && (!isHex(s[i + 1]) || !isHex(s[i + 2]))) {
      return { ok: false, error: `invalid URL escape ${quote(s.slice(i, i + 3))}` };
    }
  }
  if (!s.includes('%') && !s.includes('+')) return { ok: true, value: s };
  const src = utf8Encode(s);
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25) {
      out.push(parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16));
      i += 2;
    } else out.push(b === 0x2b ? 0x20 : b);
  }
  return { ok: true, value: utf8Decode(Uint8Array.from(out)) };
}

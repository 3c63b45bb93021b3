// Go's strings functions with their exact rune semantics (ToUpper keeps 'ß', TrimSpace uses
// Go's white space, Title capitalises after separators), used by Loki's function map.

import { FuncError } from './func-types';

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const m = f(ch);
    // Go maps rune by rune: a mapping that is not a single rune leaves the rune unchanged.
    out += m.length === ch.length && [...m].length === 1 ? m : ch;
  }
  return out;
}

export function toUpper(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s.toUpperCase() : mapRunes(s, (c) => c.toUpperCase());
}
export function toLower(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : mapRunes(s, (c) => c.toLowerCase());
}

const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const isGoSpace = (c: string) => GO_SPACE.includes(c);

export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s[a]!)) a++;
  while (b > a && isGoSpace(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export function trimLeftSet(s: string, cutset: string): string {
  const set = new Set(cutset);
  const r = [...s];
  let i = 0;
  while (i < r.length && set.has(r[i]!)) i++;
  return r.slice(i).join('');
}
export function trimRightSet(s: string, cutset: string): string {
  const set = new Set(cutset);
  const r = [...s];
  let j = r.length;
  while (j > 0 && set.has(r[j - 1]!)) j--;
  return r.slice(0, j).join('');
}
export const trimSet = (s: string, cutset: string) => trimRightSet(trimLeftSet(s, cutset), cutset);
export const trimPrefix = (s: string, p: string) => (s.startsWith(p) ? s.slice(p.length) : s);
export const trimSuffix = (s: string, p: string) => (p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);

/** strings.Replace(s, old, new, n): n < 0 replaces all; an empty old matches at each rune boundary. */
export function replace(s: string, old: string, rep: string, n: number): string {
  if (old === rep || n === 0) return s;
  if (old === '') {
    const r = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= r.length; i++) {
      if (n < 0 || done < n) {
        out += rep;
        done++;
      }
      if (i < r.length) out += r[i];
    }
    return out;
  }
  if (n < 0) return s.split(old).join(rep);
  let out = '';
  let from = 0;
  for (let k = 0; k < n; k++) {
    const i = s.indexOf(old, from);
    if (i < 0) break;
    out += s.slice(from, i) + rep;
    from = i + old.length;
  }
  return out + s.slice(from);
}

export function repeat(s: string, count: number): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  if (s.length * count > 1 << 26) throw new FuncError('strings: Repeat output length overflow');
  return s.repeat(count);
}

function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return isGoSpace(ch);
}

/** strings.Title: upper-case (title-case) the first letter of each word. */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    if (isSeparator(prev)) {
      const u = ch.toUpperCase();
      out += [...u].length === 1 ? u : ch;
    } else out += ch;
    prev = ch;
  }
  return out;
}

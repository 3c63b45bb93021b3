// Label sets as Prometheus orders, compares and prints them (model/labels): names sorted
// bytewise, Compare name by name then value by value then by length, String with Go quoting.

import type { Labels } from './types';

export function sortedNames(ls: Labels): string[] {
  return Object.keys(ls).sort(byteCompare);
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.Compare: the first differing name, else value, decides; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = sortedNames(a);
  const bn = sortedNames(b);
  for (let i = 0; i < Math.min(an.length, bn.length); i++) {
    const n = byteCompare(an[i]!, bn[i]!);
    if (n !== 0) return n;
    const v = byteCompare(a[an[i]!]!, b[bn[i]!]!);
    if (v !== 0) return v;
  }
  return an.length - bn.length;
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  return compareLabels(a, b) === 0;
}

/** A canonical key (the role of Labels.Hash()). */
export function labelsKey(ls: Labels): string {
  return sortedNames(ls).map((n) => `${n}\u0000${ls[n]}`).join('\u0001');
}

/** Labels.String(): `{a="1", b="2"}` — __name__ is an ordinary label here. */
export function labelsString(ls: Labels): string {
  return '{' + sortedNames(ls).map((n) => `${n}=${goQuote(ls[n]!)}`).join(', ') + '}';
}

/** strconv.Quote for the characters label values carry (printable Unicode kept as is). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export function withoutName(ls: Labels): Record<string, string> {
  const { __name__: _drop, ...rest } = ls;
  return rest;
}

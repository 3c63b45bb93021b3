// Go strings are byte strings; JS strings are UTF-16. These helpers give Go's byte view
// (len, s[i:j], s[i]) of a JS string. Slicing through the middle of a rune produces bytes
// that are not UTF-8; decoding them back yields U+FFFD per bad byte, which is what Loki's
// JSON encoder shows for such output.

const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  let j = 0;
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate: Go would see U+FFFD
    if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 63);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, j);
}

/** Decode one rune at i: [codePoint, size]; invalid bytes decode as [0xfffd, 1] as in Go. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i]!;
  if (c < 0x80) return [c, 1];
  const need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
  if (need < 0 || i + need > b.length - 1) return [0xfffd, 1];
  let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const d = b[i + k];
    if (d === undefined || (d & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (d & 63);
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [0xfffd, 1];
  return [cp, need + 1];
}

export function utf8Decode(b: Uint8Array): string {
  let s = '';
  let chunk: number[] = [];
  for (let i = 0; i < b.length; ) {
    const [cp, size] = decodeRune(b, i);
    chunk.push(cp);
    if (chunk.length > 4096) {
      s += String.fromCodePoint(...chunk);
      chunk = [];
    }
    i += size;
  }
  return s + String.fromCodePoint(...chunk);
}

/** Go's s[start:end] on bytes; the caller has checked the bounds. */
export function byteSlice(s: string, start: number, end: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return utf8Decode(utf8Encode(s).subarray(start, end));
}

/** The runes of s as Go sees them ([]rune(s)). */
export function runes(s: string): string[] {
  return Array.from(s);
}

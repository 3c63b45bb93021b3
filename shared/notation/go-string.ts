// Go-style quoted strings as PromQL and the promqltest series notation write them:
// "double" (with escapes), 'single' (with escapes), `raw`.

export class NotationError extends Error {
  override name = 'NotationError';
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34,
};

/**
 * Reads the quoted string starting at text[start]; returns its value and the index after the
 * closing quote. Escapes produce bytes, decoded as UTF-8 at the end, because Go's `\xc5` is a byte.
 */
export function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') throw new NotationError(`expected a quoted string at ${start}`);
  if (quote === '`') {
    const close = text.indexOf('`', start + 1);
    if (close < 0) throw new NotationError('unterminated raw string');
    return { value: text.slice(start + 1, close), end: close + 1 };
  }
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === quote) return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (ch !== '\\') {
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(s));
      i += s.length;
      continue;
    }
    const esc = text[i + 1];
    if (esc === undefined) break;
    if (esc in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[esc]!);
      i += 2;
    } else if (esc === 'x') {
      bytes.push(parseInt(hex(text, i + 2, 2), 16));
      i += 4;
    } else if (esc === 'u' || esc === 'U') {
      const n = esc === 'u' ? 4 : 8;
      bytes.push(...encoder.encode(String.fromCodePoint(parseInt(hex(text, i + 2, n), 16))));
      i += 2 + n;
    } else if (/[0-7]/.test(esc)) {
      const oct = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw new NotationError(`invalid octal escape \\${oct}`);
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else {
      throw new NotationError(`unknown escape sequence \\${esc}`);
    }
  }
  throw new NotationError('unterminated quoted string');
}

function hex(text: string, from: number, n: number): string {
  const digits = text.slice(from, from + n);
  if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) throw new NotationError(`invalid hex escape ${digits}`);
  return digits;
}

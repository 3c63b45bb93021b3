/**
 * The errors Prometheus' lexer (promql/parser/lex.go) raises on its own, before the grammar:
 * an unexpected `)`, input ending inside `{…}` or with `(` left open. The lezer grammar only
 * says "unexpected …" at such places; parse.ts words them as Prometheus does when the lexer's
 * error comes no later than the grammar's.
 */

export interface LexError {
  message: string;
  /** Where Prometheus reports it. */
  pos: number;
  /** Where the offending token starts (what decides whether it comes before the grammar's error). */
  at: number;
}

export function lexerError(text: string): LexError | null {
  let depth = 0;
  let braces = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const close = closingQuote(text, i);
      // An unterminated string is the grammar's (and the builder's) to report.
      if (close < 0) return null;
      i = close;
      continue;
    }
    if (c === '{') braces = true;
    else if (c === '}') braces = false;
    else if (!braces && c === '(') depth++;
    else if (!braces && c === ')') {
      // Prometheus' lexer reports it after consuming the parenthesis.
      if (depth === 0) return { message: "unexpected right parenthesis ')'", pos: i + 1, at: i };
      depth--;
    }
  }
  if (braces) return { message: 'unexpected end of input inside braces', pos: text.length, at: text.length };
  if (depth > 0) return { message: 'unclosed left parenthesis', pos: text.length, at: text.length };
  return null;
}

function closingQuote(text: string, open: number): number {
  const q = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && q !== '`') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

/** `name(` where `name` is no function: Prometheus' parser names it at the identifier. */
export function unknownFunction(text: string, errorPos: number, known: (name: string) => boolean): LexError | null {
  if (text[errorPos] !== '(') return null;
  const m = /([A-Za-z_][A-Za-z0-9_:]*)\s*$/.exec(text.slice(0, errorPos));
  if (!m || known(m[1]!)) return null;
  const pos = errorPos - m[0].length;
  return { message: `unknown function with name ${JSON.stringify(m[1])}`, pos, at: pos };
}

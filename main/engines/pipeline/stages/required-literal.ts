/**
 * A literal every match of a regex must contain, for patterns shaped as Promtail configs write
 * them: `.*(?P<name>error_message.*)`. When the line lacks the literal the regex cannot match, so
 * the (costly, UTF-16 → UTF-8 converting) RE2 call is skipped: exactly equivalent, as no match is
 * possible. Conservative: only patterns starting with `.*`, with no alternation, no inline flags
 * (case folding), the literal plain ASCII right after `.*` (optionally inside one opening group
 * that is not quantified), not itself quantified; anything else gives null (always run the regex).
 */
const LITERAL = /^\.\*(\((?:\?P<\w+>|\?:)?)?([A-Za-z0-9_ =:"'\/,;<>@#%&~`!-]+)/;

/** Index of the `)` closing the group opened at `open`, or -1. */
function closingParen(p: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

export function requiredLiteral(pattern: string): string | null {
  if (pattern.includes('|') || pattern.includes('\\Q')) return null;
  // Inline flags ((?i), (?s:…)) could change what the literal matches: only named and non-capturing groups.
  if (/\(\?(?!P<|:)/.test(pattern)) return null;
  const m = LITERAL.exec(pattern);
  if (!m) return null;
  let lit = m[2]!;
  const after = pattern[m[0].length];
  // A quantifier after the run applies to its last character only.
  if (after === '?' || after === '*' || after === '{' || after === '+') lit = lit.slice(0, -1);
  if (m[1]) {
    const close = closingParen(pattern, 2);
    if (close < 0) return null;
    const q = pattern[close + 1];
    if (q === '?' || q === '*' || q === '{') return null;
  }
  return lit.length >= 2 ? lit : null;
}

const TAIL = /^\.\*\(\?P<(\w+)>([A-Za-z0-9_ =:"'\/,;<>@#%&~`!-]{2,})\.\*\)$/;

/**
 * The exact shape `.*(?P<name>LITERAL.*)` (the Promtail idiom for "the rest of the line from
 * LITERAL"): its one group, matched without RE2 by tailMatch. Null for anything else.
 */
export function tailCapture(pattern: string): { name: string; literal: string } | null {
  const m = TAIL.exec(pattern);
  return m ? { name: m[1]!, literal: m[2]! } : null;
}

/**
 * What RE2 gives the group of `.*(?P<g>LITERAL.*)` on `s` (well-formed UTF-16), or null for no
 * match. `.` does not match `\n`, so a match lies within one newline-free segment; the leftmost
 * match starts at the first segment holding the literal, the greedy `.*` reaches its last
 * occurrence there, and the group's `.*` runs to the segment's end.
 */
export function tailMatch(s: string, literal: string): string | null {
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    const q = s.lastIndexOf(literal, end - literal.length);
    if (q >= start && end - literal.length >= 0) return s.slice(q, end);
    if (nl < 0) return null;
    start = nl + 1;
  }
}

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

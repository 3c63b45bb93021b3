/**
 * Validation of `| pattern "<a> <_> <b>"` and of `|> "<_> x"` line filters, after Loki's
 * pkg/logql/log/pattern: captures are `<name>` with name = (letter | _)(letter | digit | _)*,
 * `<_>` is unnamed, everything else is literal text.
 */

export type PatternNode = { kind: 'capture'; name: string } | { kind: 'literal'; text: string };

export function parsePatternExpr(pattern: string): PatternNode[] {
  const out: PatternNode[] = [];
  const re = /<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) out.push({ kind: 'literal', text: pattern.slice(last, m.index) });
    out.push({ kind: 'capture', name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) out.push({ kind: 'literal', text: pattern.slice(last) });
  return out;
}

const isNamed = (n: PatternNode) => n.kind === 'capture' && n.name !== '_';

function consecutive(nodes: PatternNode[]): string | null {
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    if (a.kind === 'capture' && b.kind === 'capture') return `found consecutive capture '<${a.name}><${b.name}>': invalid expression`;
  }
  return null;
}

/** The error of pattern.New, as Loki words it, or null. */
export function patternParserError(pattern: string): string | null {
  const nodes = parsePatternExpr(pattern);
  if (!nodes.some(isNamed)) return 'at least one capture is required';
  const c = consecutive(nodes);
  if (c) return c;
  const seen = new Set<string>();
  for (const n of nodes) {
    if (!isNamed(n) || n.kind !== 'capture') continue;
    if (seen.has(n.name)) return `duplicate capture name (${n.name}): invalid expression`;
    seen.add(n.name);
  }
  return null;
}

/** The error of pattern.ParseLineFilter (`|>` / `!>`), or null. */
export function patternLineFilterError(pattern: string): string | null {
  if (pattern === '') return null;
  const nodes = parsePatternExpr(pattern);
  const c = consecutive(nodes);
  if (c) return c;
  const named = nodes.find(isNamed);
  return named && named.kind === 'capture' ? `named captures are not allowed: found '<${named.name}>'` : null;
}

/**
 * Loki's pattern language (pkg/logql/log/pattern): literals and `<name>` captures, `<_>` an
 * unnamed one. Used by the `pattern` parser (Matches) and the `|>` / `!>` line filters (Test),
 * each with Loki's own (loose) matching rules and validation errors.
 */

type Node = { kind: 'literal'; text: string } | { kind: 'capture'; name: string };

export interface PatternMatcher {
  nodes: Node[];
  /** Named captures, in order. */
  names: string[];
}

const CAPTURE = /^<([A-Za-z_][A-Za-z0-9_]*)>/;

function parseNodes(input: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < input.length) {
    const m = input[i] === '<' ? CAPTURE.exec(input.slice(i, i + 1024)) : null;
    if (m) {
      nodes.push({ kind: 'capture', name: m[1]! });
      i += m[0].length;
      continue;
    }
    const last = nodes[nodes.length - 1];
    if (last && last.kind === 'literal') last.text += input[i];
    else nodes.push({ kind: 'literal', text: input[i]! });
    i++;
  }
  return nodes;
}

const show = (n: Node): string => (n.kind === 'capture' ? `<${n.name}>` : n.text);
const isUnnamed = (n: Node): boolean => n.kind === 'capture' && n.name === '_';

function consecutiveCaptures(nodes: Node[]): string | null {
  for (let i = 0; i + 1 < nodes.length; i++) {
    if (nodes[i]!.kind === 'capture' && nodes[i + 1]!.kind === 'capture') {
      return `found consecutive capture '${show(nodes[i]!)}${show(nodes[i + 1]!)}': invalid expression`;
    }
  }
  return null;
}

/** The pattern parser's matcher (pattern.New), or Loki's error text. */
export function compilePattern(input: string): { ok: true; matcher: PatternMatcher } | { ok: false; error: string } {
  const nodes = parseNodes(input);
  const names = nodes.filter((n) => n.kind === 'capture' && !isUnnamed(n)).map((n) => (n as { name: string }).name);
  if (names.length === 0) return { ok: false, error: 'at least one capture is required' };
  const consecutive = consecutiveCaptures(nodes);
  if (consecutive) return { ok: false, error: consecutive };
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return { ok: false, error: `duplicate capture name (${n}): invalid expression` };
    seen.add(n);
  }
  return { ok: true, matcher: { nodes, names } };
}

/** The `|>` filter's matcher (pattern.ParseLineFilter): only `<_>` captures allowed. */
export function compileLineFilterPattern(input: string): { ok: true; matcher: PatternMatcher } | { ok: false; error: string } {
  if (input === '') return { ok: true, matcher: { nodes: [], names: [] } };
  const nodes = parseNodes(input);
  const consecutive = consecutiveCaptures(nodes);
  if (consecutive) return { ok: false, error: consecutive };
  const named = nodes.find((n) => n.kind === 'capture' && !isUnnamed(n));
  if (named) return { ok: false, error: `named captures are not allowed: found '${show(named)}'` };
  return { ok: true, matcher: { nodes, names: [] } };
}

/** Matcher.Matches: the captured values of named captures, in order (possibly fewer than names). */
export function patternMatches(m: PatternMatcher, line: string): string[] {
  if (line === '' || m.nodes.length === 0) return [];
  const captures: string[] = [];
  let expr = m.nodes;
  let input = line;
  const first = expr[0]!;
  if (first.kind === 'literal') {
    if (!input.startsWith(first.text)) return [];
    input = input.slice(first.text.length);
    expr = expr.slice(1);
  }
  if (expr.length === 0) return [];
  while (expr.length !== 0) {
    if (expr.length === 1) {
      if (!isUnnamed(expr[0]!)) captures.push(input);
      return captures;
    }
    const capt = expr[0]!;
    const lit = (expr[1] as { text: string }).text;
    expr = expr.slice(2);
    const i = input.indexOf(lit);
    if (i === -1) {
      if (!isUnnamed(capt)) captures.push(input);
      return captures;
    }
    if (!isUnnamed(capt)) captures.push(input.slice(0, i));
    input = input.slice(i + lit.length);
  }
  return captures;
}

/** Matcher.Test, as `|>` uses it. */
export function patternTest(m: PatternMatcher, line: string): boolean {
  if (line === '' || m.nodes.length === 0) return line === '' && m.nodes.length === 0;
  let off = 0;
  for (let i = 0; i < m.nodes.length; i++) {
    const n = m.nodes[i]!;
    if (n.kind !== 'literal') continue;
    const j = line.indexOf(n.text, off);
    if (j === -1) return false;
    if (i !== 0 && j === off) return false;
    off = j + n.text.length;
  }
  const reqRem = m.nodes[m.nodes.length - 1]!.kind === 'capture';
  return reqRem === (off !== line.length);
}

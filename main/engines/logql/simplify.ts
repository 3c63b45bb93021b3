/**
 * Regex → string filters, after Loki's RegexSimplifier (pkg/logql/log/filter.go): `|~ "foo"`
 * becomes a substring test, `foo|bar` an OR of them, `(?i)foo` a case-insensitive one, `.*` a
 * no-op and `.+` "non-empty". Label matchers (`=~` in a label filter) get equality instead of
 * containment for bare literals, but — as in Loki — containment as soon as `.*` is around the
 * literal. Anything else runs as a regex through the port (anchored `^(?:…)$` for labels).
 */
import type { RegexPort } from './ports';

export type StringTest = (s: string) => boolean;
export type Built<T> = { ok: true; value: T } | { ok: false; error: string };

export const always: StringTest = () => true;
export const never: StringTest = () => false;

export function containsTest(match: string, caseInsensitive: boolean): StringTest {
  if (match === '') return always;
  if (!caseInsensitive) return (s) => s.includes(match);
  const lower = match.toLowerCase();
  return (s) => s.toLowerCase().includes(lower);
}

export function equalTest(match: string, caseInsensitive: boolean): StringTest {
  if (!caseInsensitive) return (s) => s === match;
  const lower = match.toLowerCase();
  return (s) => s.length === match.length && s.toLowerCase() === lower;
}

const META = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$']);

/** One alternative as Loki's simplifier sees it: `.*`? literal `.*`?, or `.*`, or `.+`, or empty. */
type Piece = { kind: 'literal'; text: string; dotStarBefore: boolean; dotStarAfter: boolean } | { kind: 'any' } | { kind: 'nonEmpty' };

/** Parses a literal run (with `\` + punctuation escapes); null when it meets anything else. */
function literalRun(p: string): string | null {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined || /[0-9A-Za-z]/.test(n)) return null;
      out += n;
      i++;
      continue;
    }
    if (META.has(c)) return null;
    out += c;
  }
  return out;
}

function piece(alt: string): Piece | null {
  if (alt === '' || alt === '.*') return { kind: 'any' };
  if (alt === '.+') return { kind: 'nonEmpty' };
  let body = alt;
  const before = body.startsWith('.*');
  if (before) body = body.slice(2);
  const after = body.endsWith('.*') && !body.endsWith('\\.*');
  if (after) body = body.slice(0, -2);
  const text = literalRun(body);
  if (text === null || text === '') return null;
  return { kind: 'literal', text, dotStarBefore: before, dotStarAfter: after };
}

/** Splits on top-level `|` when the pattern has no groups or classes; null otherwise. */
function alternatives(p: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      cur += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']') return null;
    if (c === '|') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Loki's simplification, or null when the pattern must run as a regex. */
export function simplifyRegex(pattern: string, isLabel: boolean): StringTest | null {
  let p = pattern;
  let ci = false;
  if (p.startsWith('(?i)')) {
    ci = true;
    p = p.slice(4);
  }
  const alts = alternatives(p);
  if (!alts) return null;
  const pieces = alts.map(piece);
  if (pieces.some((x) => x === null)) return null;
  // Go factors common prefixes of neighbouring alternatives before Loki sees them; those shapes
  // are left to the regex (same answers for line filters; see the file comment for labels).
  if (alts.length > 1) {
    for (let i = 1; i < alts.length; i++) if (commonPrefixLength(alts[i - 1]!, alts[i]!) > 0) return null;
  }
  const tests: StringTest[] = [];
  for (const x of pieces as Piece[]) {
    if (x.kind === 'any') {
      if (alts.length === 1) return always;
      return null;
    }
    if (x.kind === 'nonEmpty') {
      tests.push((s) => s.length > 0);
      continue;
    }
    const unanchored = !isLabel || x.dotStarBefore || x.dotStarAfter;
    tests.push(unanchored ? containsTest(x.text, ci) : equalTest(x.text, ci));
  }
  if (tests.length === 1) return tests[0]!;
  return (s) => {
    for (const t of tests) if (t(s)) return true;
    return false;
  };
}

/** A `|~` / `=~` test: simplified when Loki simplifies, else the regex. */
export function regexTest(pattern: string, isLabel: boolean, port: RegexPort): Built<StringTest> {
  const compiled = port.compile(pattern);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const simple = simplifyRegex(pattern, isLabel);
  if (simple) return { ok: true, value: simple };
  if (!isLabel) return { ok: true, value: (s) => compiled.regex.test(s) };
  const anchored = port.compile(`^(?:${pattern})$`);
  if (!anchored.ok) return { ok: false, error: anchored.error };
  return { ok: true, value: (s) => anchored.regex.test(s) };
}

/**
 * Required literals of an RE2 (Go regexp) pattern: a set of strings such that every match of
 * the pattern contains at least one of them, case-sensitively. A scanner searches raw bytes
 * for them (memchr speed) and runs the regex only on the lines around a hit.
 *
 * Conservative by construction: whenever a construct is not understood, or could match
 * without one of the literals (`?`, `*`, `{0,n}`, an alternation with a branch lacking a
 * literal, case folding on letters under `(?i)`), the answer is "no prefilter" (null). Like
 * RE2's own prefilter, each node computes either its exact (small, finite) set of strings or a
 * set of literals one of which any match must contain.
 *
 * Also reports whether the pattern may be searched over a whole chunk of lines under `(?m)`
 * with the same hits as line by line: not when it uses `\A`, `\z` (text anchors) or clears
 * the `m` flag itself.
 */

export interface RequiredLiterals {
  /** Any match contains one of these (non-empty strings); null when nothing is certain. */
  literals: string[] | null;
  /** The pattern can run over many lines at once under `(?m:…)` without losing a line's match. */
  chunkSafe: boolean;
}

/** exact: the full set of strings the node matches (small); req: one of these is in any match. */
interface Info {
  exact: string[] | null;
  req: string[] | null;
}

const MAX_EXACT = 16;
const ANY: Info = { exact: null, req: null };
const EMPTY: Info = { exact: [''], req: null };

class Unsupported extends Error {}

/** Better of two requirement sets: longest shortest member, then fewer members. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a || a.length === 0) return b;
  if (!b || b.length === 0) return a;
  const ma = Math.min(...a.map((s) => s.length));
  const mb = Math.min(...b.map((s) => s.length));
  if (ma !== mb) return ma > mb ? a : b;
  return a.length <= b.length ? a : b;
}

/** What one node guarantees, as a requirement set (exact strings are required as a whole). */
function reqOf(i: Info): string[] | null {
  const fromExact = i.exact && i.exact.every((s) => s !== '') ? i.exact : null;
  return better(fromExact, i.req);
}

function concat(parts: Info[]): Info {
  let req: string[] | null = null;
  let run: string[] = [''];
  let allExact = true;
  // Adjacent exact parts multiply into one run of strings (`a[bc]d` → abd, acd).
  const flush = (): void => {
    req = better(req, reqOf({ exact: run, req: null }));
    run = [''];
  };
  for (const p of parts) {
    if (p.exact && run.length * p.exact.length <= MAX_EXACT) {
      run = [...new Set(run.flatMap((a) => p.exact!.map((b) => a + b)))];
    } else if (p.exact) {
      allExact = false;
      flush();
      run = [...p.exact];
    } else {
      allExact = false;
      flush();
      req = better(req, reqOf(p));
    }
  }
  if (allExact) return { exact: run, req: null };
  flush();
  return { exact: null, req };
}

function alternate(alts: Info[]): Info {
  if (alts.every((a) => a.exact)) {
    const all = [...new Set(alts.flatMap((a) => a.exact!))];
    if (all.length <= MAX_EXACT) return { exact: all, req: null };
  }
  const reqs = alts.map(reqOf);
  if (reqs.some((r) => !r)) return ANY;
  return { exact: null, req: [...new Set(reqs.flatMap((r) => r!))] };
}

const PERL_CLASS = new Set(['d', 'D', 's', 'S', 'w', 'W', 'p', 'P']);
const SIMPLE_ESC: Record<string, string> = { a: '\x07', f: '\f', t: '\t', n: '\n', r: '\r', v: '\v' };

/** Recursive-descent over RE2 syntax, tracking the `i` flag; throws Unsupported when unsure. */
class Parser {
  private i = 0;
  chunkSafe = true;
  constructor(private readonly p: string) {}

  parse(): Info {
    const r = this.alternation(false);
    if (this.i !== this.p.length) throw new Unsupported();
    return r;
  }

  private alternation(fold: boolean): Info {
    const alts: Info[] = [];
    const state = { fold };
    for (;;) {
      alts.push(this.sequence(state));
      if (this.p[this.i] !== '|') break;
      this.i++;
    }
    return alts.length === 1 ? alts[0]! : alternate(alts);
  }

  /** A concatenation; `state.fold` may change with a bare `(?i)` for the rest of the group. */
  private sequence(state: { fold: boolean }): Info {
    const parts: Info[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atom = this.atom(state);
      if (atom === null) continue; // a flag-only group
      parts.push(this.repeat(atom));
    }
    return parts.length === 0 ? EMPTY : concat(parts);
  }

  private repeat(atom: Info): Info {
    const c = this.p[this.i];
    let min = 1;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
      if (!m) return atom; // a literal `{`, already consumed as an atom next time
      this.i += m[0].length;
      if (this.p[this.i] === '?') this.i++;
      const lo = Number(m[1]);
      if (m[2] === undefined && lo <= 4 && atom.exact && atom.exact.length === 1) {
        return { exact: [atom.exact[0]!.repeat(lo)], req: null };
      }
      return lo === 0 ? ANY : { exact: null, req: reqOf(atom) };
    } else return atom;
    this.i++;
    if (this.p[this.i] === '?') this.i++; // non-greedy: same language
    return min === 0 ? ANY : { exact: null, req: reqOf(atom) };
  }

  private lit(ch: string, fold: boolean): Info {
    // Under (?i) a cased character matches several strings (RE2 folds k to K and U+212A…).
    if (fold && ch.toLowerCase() !== ch.toUpperCase()) return ANY;
    if (fold && /[\u0130\u0131\u017f\u212a\u212b\u1e9e]/.test(ch)) return ANY;
    return { exact: [ch], req: null };
  }

  private atom(state: { fold: boolean }): Info | null {
    const p = this.p;
    const c = p[this.i]!;
    if (c === '(') return this.group(state);
    if (c === '[') return this.cls(state.fold);
    if (c === '.') return this.i++, ANY;
    if (c === '^' || c === '$') return this.i++, EMPTY;
    if (c === '*' || c === '+' || c === '?') throw new Unsupported();
    if (c === '\\') return this.escape(state.fold);
    const cp = p.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return this.lit(ch, state.fold);
  }

  private escape(fold: boolean): Info {
    const p = this.p;
    const n = p[this.i + 1];
    if (n === undefined) throw new Unsupported();
    this.i += 2;
    if (n === 'A' || n === 'z') {
      this.chunkSafe = false;
      return EMPTY;
    }
    if (n === 'b' || n === 'B') return EMPTY;
    if (PERL_CLASS.has(n)) {
      if ((n === 'p' || n === 'P') && p[this.i] === '{') this.i = p.indexOf('}', this.i) + 1 || p.length;
      else if (n === 'p' || n === 'P') this.i++;
      return ANY;
    }
    if (n === 'Q') {
      const end = p.indexOf('\\E', this.i);
      const text = p.slice(this.i, end < 0 ? p.length : end);
      this.i = end < 0 ? p.length : end + 2;
      return concat([...text].map((ch) => this.lit(ch, fold)));
    }
    if (n === 'x') {
      const m = /^(\{([0-9A-Fa-f]{1,6})\}|[0-9A-Fa-f]{2})/.exec(p.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      return this.lit(String.fromCodePoint(parseInt(m[2] ?? m[1]!, 16)), fold);
    }
    if (SIMPLE_ESC[n]) return { exact: [SIMPLE_ESC[n]!], req: null };
    if (/[0-7]/.test(n)) {
      const m = /^[0-7]{0,2}/.exec(p.slice(this.i))!;
      this.i += m[0].length;
      return this.lit(String.fromCharCode(parseInt(n + m[0], 8)), fold);
    }
    if (/[A-Za-z0-9]/.test(n)) throw new Unsupported();
    return this.lit(n, fold);
  }

  /** A bracket class: exact only for a few listed characters (e.g. `[Ee]`), else ANY. */
  private cls(fold: boolean): Info {
    const p = this.p;
    let j = this.i + 1;
    const negated = p[j] === '^';
    if (negated) j++;
    const chars: string[] = [];
    let simple = !negated && !fold;
    let first = true;
    while (j < p.length && (p[j] !== ']' || first)) {
      first = false;
      if (p[j] === '\\') {
        const e = p[j + 1] ?? '';
        if (/[A-Za-z0-9]/.test(e)) simple = false;
        else chars.push(e);
        j += 2;
      } else if (p[j] === '[' && p[j + 1] === ':') {
        const end = p.indexOf(':]', j + 2);
        if (end < 0) throw new Unsupported();
        simple = false;
        j = end + 2;
      } else if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
        simple = false;
        j += 3;
      } else {
        const ch = String.fromCodePoint(p.codePointAt(j)!);
        chars.push(ch);
        j += ch.length;
      }
    }
    if (j >= p.length) throw new Unsupported();
    this.i = j + 1;
    return simple && chars.length > 0 && chars.length <= 4 ? { exact: [...new Set(chars)], req: null } : ANY;
  }

  private group(state: { fold: boolean }): Info | null {
    const p = this.p;
    this.i++; // (
    let fold = state.fold;
    if (p[this.i] === '?') {
      const named = /^\?(P?<[A-Za-z0-9_]+>)/.exec(p.slice(this.i));
      if (named) this.i += named[0].length;
      else {
        const m = /^\?([A-Za-z]*)(-([A-Za-z]*))?(:|\))/.exec(p.slice(this.i));
        if (!m) throw new Unsupported();
        const on = m[1]!;
        const off = m[3] ?? '';
        if (off.includes('m')) this.chunkSafe = false;
        const newFold = off.includes('i') ? false : on.includes('i') ? true : fold;
        this.i += m[0].length;
        if (m[4] === ')') {
          state.fold = newFold; // (?i) alone: for the rest of the enclosing group
          return null;
        }
        fold = newFold;
      }
    }
    const inner = this.alternation(fold);
    if (p[this.i] !== ')') throw new Unsupported();
    this.i++;
    return inner;
  }
}

/** The required literals of a Go/RE2 pattern (see the header); literals shorter than minLength are not worth it. */
export function requiredLiterals(pattern: string, minLength = 1): RequiredLiterals {
  const parser = new Parser(pattern);
  let info: Info;
  try {
    info = parser.parse();
  } catch {
    // Unknown syntax: no prefilter, and no chunk-wide search either.
    return { literals: null, chunkSafe: false };
  }
  const req = reqOf(info);
  const ok = req && req.length > 0 && req.every((s) => s.length >= minLength);
  return { literals: ok ? req : null, chunkSafe: parser.chunkSafe };
}

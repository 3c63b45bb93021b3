/**
 * The LogQL regex port on the `re2` package: Google's RE2, the engine Go's regexp reimplements,
 * so patterns mean what they mean in Loki and matching is linear in the input (no catastrophic
 * backtracking). Compile errors are reworded as Go's regexp/syntax words them.
 */
import RE2 from 're2';
import { goRegexpError } from '../../../shared/logql/regex-errors';
import type { CompiledRegex, RegexCompileResult, RegexMatch, RegexPort } from '../../engines/logql/ports';

/** Go's wording of an RE2 compile error (shared with the parser's checkRegex). */
export function goRegexError(re2Message: string): string {
  return goRegexpError(re2Message);
}

function codePointWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

class Re2Regex implements CompiledRegex {
  readonly groupNames: readonly string[];
  private readonly once: RE2;
  private readonly global: RE2;
  constructor(
    readonly source: string,
    once: RE2,
    global: RE2,
  ) {
    this.once = once;
    this.global = global;
    const names: string[] = [''];
    // RE2 reports names through `groups`; recover their indices from a probe of the source.
    const count = countGroups(source);
    for (let i = 1; i <= count; i++) names.push('');
    for (const [name, index] of namedGroupIndices(source)) if (index < names.length) names[index] = name;
    this.groupNames = names;
  }
  test(subject: string): boolean {
    try {
      return this.once.test(subject);
    } catch {
      return false;
    }
  }
  exec(subject: string): RegexMatch | null {
    try {
      const m = this.once.exec(subject);
      return m ? toMatch(m) : null;
    } catch {
      return null;
    }
  }
  matchAll(subject: string, limit = -1): RegexMatch[] {
    const out: RegexMatch[] = [];
    let pos = 0;
    let prevEnd = -1;
    try {
      while (pos <= subject.length && (limit < 0 || out.length < limit)) {
        this.global.lastIndex = pos;
        const m = this.global.exec(subject);
        if (!m) break;
        const match = toMatch(m);
        if (match.end === match.start && match.start === prevEnd) {
          if (match.start >= subject.length) break;
          pos = match.start + codePointWidth(subject, match.start);
          continue;
        }
        out.push(match);
        prevEnd = match.end;
        pos = match.end > match.start ? match.end : match.end + (match.end < subject.length ? codePointWidth(subject, match.end) : 1);
      }
    } catch {
      /* a failing native call ends the scan; the per-line path never throws */
    }
    return out;
  }
}

function toMatch(m: RegExpExecArray): RegexMatch {
  const groups: (string | undefined)[] = [];
  for (let i = 0; i < m.length; i++) groups.push(m[i]);
  return { start: m.index, end: m.index + m[0]!.length, groups };
}

/** Counts capture groups: `(` not escaped, not in a class, not followed by `?` unless `?P<`/`?<`. */
function scanGroups(source: string, onGroup: (index: number, name: string) => void): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (source[i + 1] === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        i = end < 0 ? source.length : end + 1;
      } else i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        if (end >= 0) i = end + 1;
      } else if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (source[i + 1] !== '?') {
      onGroup(++count, '');
      continue;
    }
    const named = /^\(\?P?<([^>]*)>/.exec(source.slice(i, i + 300));
    if (named) onGroup(++count, named[1]!);
  }
  return count;
}

/** Go's SubexpNames for a pattern: index 0 is the whole match, '' for unnamed groups. */
export function subexpNames(source: string): string[] {
  const names: string[] = [''];
  scanGroups(source, (_i, name) => {
    names.push(name);
  });
  return names;
}

function countGroups(source: string): number {
  return scanGroups(source, () => {});
}

function namedGroupIndices(source: string): [string, number][] {
  const out: [string, number][] = [];
  scanGroups(source, (index, name) => {
    if (name) out.push([name, index]);
  });
  return out;
}

export function createRe2Port(): RegexPort {
  const cache = new Map<string, RegexCompileResult>();
  return {
    compile(pattern: string): RegexCompileResult {
      if (typeof pattern !== 'string') return { ok: false, error: 'error parsing regexp: not a string' };
      const hit = cache.get(pattern);
      if (hit) return hit;
      let result: RegexCompileResult;
      try {
        result = { ok: true, regex: new Re2Regex(pattern, new RE2(pattern, 'u'), new RE2(pattern, 'gu')) };
      } catch (err) {
        result = { ok: false, error: goRegexError(err instanceof Error ? err.message : String(err)) };
      }
      if (cache.size > 1000) cache.clear();
      cache.set(pattern, result);
      return result;
    },
  };
}

/** A shared instance: compiled regexes are immutable, so one cache serves every query. */
export const re2Port: RegexPort = createRe2Port();

/** The parser's `checkRegex` option: Go's error text for an invalid pattern, else null. */
export function re2CheckRegex(pattern: string): string | null {
  const r = re2Port.compile(pattern);
  return r.ok ? null : r.error;
}

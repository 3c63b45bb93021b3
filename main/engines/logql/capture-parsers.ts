/** `| regexp "…"` (named captures) and `| pattern "…"`, after Loki's parser.go. */
import { compilePattern, patternMatches } from './pattern';
import type { RegexPort } from './ports';
import { sanitizeLabelKey, type Built, type Stage } from './stage';

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Capture group names of a Go regex in order ('' for unnamed), found without compiling. */
function namedGroups(pattern: string): string[] {
  const out: string[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (pattern[i + 1] !== '?') out.push('');
    else {
      const m = /^\(\?P?<([^>]*)>/.exec(pattern.slice(i, i + 300));
      if (m) out.push(m[1]!);
    }
  }
  return out;
}

export function regexpParser(pattern: string, port: RegexPort): Built<Stage> {
  const names = namedGroups(pattern);
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') continue;
    if (seen.has(n)) return { ok: false, error: `duplicate extracted label name '${n}'` };
    seen.add(n);
  }
  const compiled = port.compile(pattern);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const regex = compiled.regex;
  const groupNames = regex.groupNames;
  if (groupNames.length <= 1) return { ok: false, error: 'at least one named capture must be supplied' };
  const index: [number, string][] = [];
  groupNames.forEach((n, i) => {
    if (i > 0 && n !== '') index.push([i, n]);
  });
  for (const [, n] of index) if (!LABEL_NAME.test(n)) return { ok: false, error: `invalid extracted label name '${n}'` };
  if (index.length === 0) return { ok: false, error: 'at least one named capture must be supplied' };
  const keys = index.map(([i, n]) => [i, sanitizeLabelKey(n)] as const);
  return {
    ok: true,
    value: {
      process(_ts, line, lbs) {
        // Loki's regexp parser ignores NoLabels() and never stops early; it does skip what
        // the hints do not ask for.
        const hints = lbs.hints;
        const m = regex.exec(line);
        if (!m) return line;
        for (const [i, k] of keys) {
          if (k === '') continue;
          const key = lbs.baseHas(k) ? k + '_extracted' : k;
          if (!hints.shouldExtract(key) || hints.extracted(key)) continue;
          lbs.set(key, m.groups[i] ?? '');
          if (!lbs.shouldContinue(key)) return null;
        }
        return line;
      },
    },
  };
}

export function patternParser(pattern: string): Built<Stage> {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) return compiled;
  const { matcher } = compiled;
  for (const n of matcher.names) if (!LABEL_NAME.test(n)) return { ok: false, error: `invalid capture label name '${n}'` };
  return {
    ok: true,
    value: {
      process(_ts, line, lbs) {
        const hints = lbs.hints;
        if (hints.noLabels()) return line;
        const matches = patternMatches(matcher, line);
        for (let i = 0; i < matches.length; i++) {
          let name = matcher.names[i]!;
          if (lbs.baseHas(name)) name += '_extracted';
          if (hints.extracted(name) || !hints.shouldExtract(name)) continue;
          lbs.set(name, matches[i]!);
          if (!lbs.shouldContinue(name)) return null;
        }
        return line;
      },
    },
  };
}

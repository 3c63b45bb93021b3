/**
 * What Loki's regexp parser stage needs to know about a Go regexp without compiling it:
 * its capture groups and their names. Also an approximate "does it match the empty string"
 * for the selector rule, used only when no RE2-backed check is given.
 */

export interface Captures {
  count: number;
  names: string[];
}

/** Capture groups of a Go/RE2 pattern: `(…)`, `(?P<name>…)`, `(?<name>…)`; escapes and classes skipped. */
export function regexCaptures(pattern: string): Captures {
  const names: string[] = [];
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i++;
        else if (pattern.startsWith('[:', i)) {
          const e = pattern.indexOf(':]', i + 2);
          if (e > 0) i = e + 1;
        }
        i++;
      }
    } else if (c === '(') {
      if (pattern[i + 1] !== '?') count++;
      else {
        const m = /^\(\?P?<([^>]*)>/.exec(pattern.slice(i));
        if (m) {
          count++;
          names.push(m[1]!);
        }
      }
    }
  }
  return { count, names };
}

/** Approximates RE2's full match of '' with JavaScript's engine; unknown syntax → false. */
export function regexMatchesEmptyApprox(pattern: string): boolean {
  try {
    let p = pattern.replace(/\(\?P</g, '(?<');
    let flags = 's';
    const lead = /^\(\?([imsU]+)\)/.exec(p);
    if (lead) {
      if (lead[1]!.includes('i')) flags += 'i';
      p = p.slice(lead[0].length);
    }
    return new RegExp(`^(?:${p})$`, flags).test('');
  } catch {
    return false;
  }
}

// A RegexPort over an RE2 binding (the `re2` npm package in main, or in tests), adding what
// RE2-JS does not do as Go does: ReplaceAllString's template expansion ($1, ${1}, $name,
// ${name}, $$; "$1x" names group "1x", which is empty) and Go's rule that an empty match right
// after a previous match is not replaced.

import type { RegexPort } from './index';

export interface Re2Match {
  index: number;
  0: string;
  [group: number]: string | undefined;
  groups?: Record<string, string | undefined>;
}
export interface Re2Like {
  lastIndex: number;
  exec(s: string): Re2Match | null;
}

/** names: capture group names by number, as Go's SubexpNames (index 0 unused). */
export function makeGoRegexPort(create: (pattern: string) => { re: Re2Like; names: string[] }): RegexPort {
  return {
    compile(pattern) {
      let built: { re: Re2Like; names: string[] };
      try {
        built = create(pattern);
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      const { re, names } = built;
      const matches = (s: string): Re2Match[] => {
        const out: Re2Match[] = [];
        let prevEnd = -1;
        re.lastIndex = 0;
        for (;;) {
          const m = re.exec(s);
          if (!m) break;
          const end = m.index + m[0].length;
          // Go: an empty match abutting the preceding match is ignored.
          if (!(m[0].length === 0 && m.index === prevEnd)) {
            out.push(m);
            prevEnd = end;
          }
          if (m[0].length === 0) re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
          if (re.lastIndex > s.length) break;
        }
        return out;
      };
      return {
        ok: true,
        test: (s) => {
          re.lastIndex = 0;
          return re.exec(s) !== null;
        },
        replaceAll(s, repl, literal) {
          let out = '';
          let last = 0;
          for (const m of matches(s)) {
            out += s.slice(last, m.index) + (literal ? repl : expand(repl, m, names));
            last = m.index + m[0].length;
          }
          return out + s.slice(last);
        },
      };
    },
  };
}

/** Go's Regexp.Expand template syntax. */
export function expand(template: string, m: Re2Match, names: string[]): string {
  let out = '';
  for (let i = 0; i < template.length; ) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(template.slice(i));
    const bare = /^[A-Za-z0-9_]+/.exec(template.slice(i));
    if (template[i] === '{' && braced) {
      name = braced[1];
      i += braced[0].length;
    } else if (template[i] !== '{' && bare) {
      name = bare[0];
      i += bare[0].length;
    }
    if (name === undefined) {
      out += '$'; // malformed: Go copies the "$" and goes on
      continue;
    }
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      out += n < names.length || n === 0 ? (m[n] ?? '') : '';
    } else {
      const idx = names.indexOf(name);
      out += idx > 0 ? (m[idx] ?? '') : '';
    }
  }
  return out;
}

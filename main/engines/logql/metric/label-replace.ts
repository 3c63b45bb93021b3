/**
 * label_replace(v, dst, replacement, src, regex), as Loki's LabelReplaceEvaluator: the regex is
 * anchored (`^(?:regex)$`, as Prometheus), a missing source label is "", no match leaves the
 * series alone, and the replacement expands `$1` / `${name}` exactly as Go's Regexp.ExpandString.
 */
import type { CompiledRegex, RegexMatch } from '../ports';
import { without, type Labels } from './labels';
import type { Sample } from './vector';

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's regexp `extract`: a `$name` / `${name}` reference at the start of `s`, or null when malformed. */
function extract(s: string): { name: string; num: number; rest: string } | null {
  if (s === '') return null;
  let brace = false;
  let str = s;
  if (str[0] === '{') {
    brace = true;
    str = str.slice(1);
  }
  let i = 0;
  for (const ch of str) {
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return null;
  const name = str.slice(0, i);
  if (brace) {
    if (i >= str.length || str[i] !== '}') return null;
    i++;
  }
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + Number(ch);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/** Regexp.ExpandString(nil, template, src, match). */
export function goExpand(template: string, re: CompiledRegex, match: RegexMatch): string {
  let out = '';
  let t = template;
  for (;;) {
    const at = t.indexOf('$');
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const ref = extract(t);
    if (!ref) {
      out += '$';
      continue;
    }
    t = ref.rest;
    if (ref.num >= 0) {
      out += match.groups[ref.num] ?? '';
    } else {
      const i = re.groupNames.indexOf(ref.name);
      if (i > 0 && match.groups[i] !== undefined) out += match.groups[i];
      else {
        // Go takes the first group of that name that took part.
        for (let j = 1; j < re.groupNames.length; j++) {
          if (re.groupNames[j] === ref.name && match.groups[j] !== undefined) {
            out += match.groups[j];
            break;
          }
        }
      }
    }
  }
  return out + t;
}

export function labelReplace(vec: Sample[], re: CompiledRegex, dst: string, replacement: string, src: string): Sample[] {
  return vec.map((s) => {
    const value = s.labels[src] ?? '';
    const m = re.exec(value);
    if (!m) return s;
    const res = goExpand(replacement, re, m);
    const labels: Labels = without(s.labels, [dst]);
    if (res !== '') labels[dst] = res;
    return { labels, value: s.value };
  });
}

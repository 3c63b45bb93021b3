// Test helper: the regex port over the `re2` npm package (as main will build it).
// Only imported by tests (it uses require at run time, which the pure layer does not).

import { makeGoRegexPort, type Re2Like, type RegexPort } from './index';

interface Re2Ctor {
  new (pattern: string, flags?: string): Re2Like & { source: string };
}

declare const require: (id: string) => unknown;

export function re2Port(): RegexPort {
  const RE2 = require('re2') as Re2Ctor;
  return makeGoRegexPort((pattern) => {
    const re = new RE2(pattern, 'gu');
    // Group names by number, from the pattern's (?P<name>…) / (?<name>…) groups in order.
    const names = [''];
    const groupRe = /\\.|\[(?:\\.|[^\]])*\]|\((\?P?<([A-Za-z0-9_]+)>|\?)?/g;
    for (let m = groupRe.exec(pattern); m; m = groupRe.exec(pattern)) {
      if (!m[0].startsWith('(')) continue;
      if (m[1] === '?') continue; // non-capturing or flags group
      names.push(m[2] ?? '');
    }
    return { re, names };
  });
}

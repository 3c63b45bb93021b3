/** Prometheus label matchers (stream selectors, drop / keep): `=~` is anchored and dot-all, as in Prometheus. */
import type { LabelMatcher } from '../../../shared/logql/ast';
import type { Labels } from './labels-builder';
import type { RegexPort } from './ports';
import type { Built } from './stage';

export type ValueTest = (value: string) => boolean;

export function promMatcher(m: LabelMatcher, port: RegexPort): Built<ValueTest> {
  if (m.op === '=') return { ok: true, value: (v) => v === m.value };
  if (m.op === '!=') return { ok: true, value: (v) => v !== m.value };
  const compiled = port.compile(`^(?s:${m.value})$`);
  if (!compiled.ok) {
    const plain = port.compile(m.value);
    return { ok: false, error: plain.ok ? compiled.error : plain.error };
  }
  const re = compiled.regex;
  return { ok: true, value: m.op === '=~' ? (v) => re.test(v) : (v) => !re.test(v) };
}

/** All matchers of a selector; a missing label is the empty string. */
export function selectorMatcher(matchers: LabelMatcher[], port: RegexPort): Built<(labels: Labels) => boolean> {
  const tests: [string, ValueTest][] = [];
  for (const m of matchers) {
    const t = promMatcher(m, port);
    if (!t.ok) return t;
    tests.push([m.name, t.value]);
  }
  return {
    ok: true,
    value: (labels) => {
      for (const [name, test] of tests) if (!test(Object.prototype.hasOwnProperty.call(labels, name) ? labels[name]! : '')) return false;
      return true;
    },
  };
}

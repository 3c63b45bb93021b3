import { describe, expect, it } from 'vitest';
import { parseRuleFile } from './rulefmt';

const messages = (text: string, parseExpr?: (e: string) => string | null) => {
  const r = parseRuleFile(text, parseExpr ? { parseExpr } : {});
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe('rule files (rulefmt)', () => {
  it('reads groups, recording and alerting rules', () => {
    const r = parseRuleFile('groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5m\n        keep_firing_for: 1m\n        labels: {severity: page}\n      - record: r:x\n        expr: sum(x)\n');
    expect(r).toEqual({ ok: true, groups: [{ name: 'g', intervalMs: 30_000, limit: 0, rules: [
      { kind: 'alerting', alert: 'A', expr: 'up == 0', forMs: 300_000, keepFiringForMs: 60_000, labels: { severity: 'page' }, annotations: {} },
      { kind: 'recording', record: 'r:x', expr: 'sum(x)', labels: {} },
    ] }] });
  });

  it.each([
    ['groups:\n  - name: g\n    rules:\n      - record: r\n        alert: a\n        expr: x\n', ['4:17: 5:16: group "g", rule 1, "a": only one of \'record\' and \'alert\' must be set']],
    ['groups:\n  - name: g\n    rules:\n      - expr: x\n', ['0:0: group "g", rule 1, "": one of \'record\' or \'alert\' must be set']],
    ['groups:\n  - name: g\n    rules:\n      - record: r\n', ['0:0: group "g", rule 1, "r": field \'expr\' must be set in rule']],
    ['groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\n        for: 1m\n', ['4:17: group "g", rule 1, "r": invalid field \'for\' in recording rule']],
    ['groups:\n  - name: g\n    rules:\n      - record: "bad name"\n        expr: x\n', ['4:17: group "g", rule 1, "bad name": invalid recording rule name: bad name']],
    ['groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n', ['4:5: groupname: "g" is repeated in the same file']],
    ['groups:\n  - rules: []\n', ['2:5: Groupname must not be empty']],
    ['groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        labels:\n          __name__: y\n', ['group "g", rule 1, "A": invalid label name: __name__']],
    ['groups:\n  - name: g\n    bogus: 1\n', ['yaml: unmarshal errors:\n  line 3: field bogus not found in type rulefmt.RuleGroup']],
  ])('%j', (text, want) => {
    expect(messages(text)).toEqual(want);
  });

  it('expression errors come from the injected parser, at the expr position', () => {
    expect(messages('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: sum(\n', (e) => (e === 'sum(' ? 'unexpected end of input' : null)))
      .toEqual(['5:15: group "g", rule 1, "r": could not parse expression: unexpected end of input']);
  });
});

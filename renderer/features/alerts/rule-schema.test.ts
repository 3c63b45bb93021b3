import { describe, expect, it } from 'vitest';
import { ruleCompletionsAt, ruleHoverAt } from './rule-schema';

/** Completion labels at the `|` of a marked text. */
function labels(marked: string): string[] {
  const offset = marked.indexOf('|');
  return ruleCompletionsAt(marked.slice(0, offset) + marked.slice(offset + 1), offset).map((c) => c.label);
}

const RULE_KEYS = ['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

describe('rule file completion', () => {
  it.each([
    ['offers groups at the top of an empty file', '|', ['groups']],
    ['offers the keys of a group in a group list item', 'groups:\n- |', ['name', 'interval', 'query_offset', 'limit', 'labels', 'rules']],
    ['offers the keys of a group on its second key', 'groups:\n  - name: a\n    |', ['name', 'interval', 'query_offset', 'limit', 'labels', 'rules']],
    ['offers the rule keys in a rule list item', 'groups:\n- name: a\n  rules:\n  - |', RULE_KEYS],
    ['offers the rule keys under an alert, as the seed rule is written', 'groups:\n- name: a\n  rules:\n  - alert: Error_total\n    expr: x > 1\n    |', RULE_KEYS],
    ['offers durations after for:', 'groups:\n- name: a\n  rules:\n  - alert: A\n    for: |', ['1m', '5m', '10m', '15m', '1h']],
    ['offers nothing inside an expression', 'groups:\n- name: a\n  rules:\n  - alert: A\n    expr: rate(|', []],
    ['offers nothing under user label names', 'groups:\n- name: a\n  rules:\n  - alert: A\n    labels:\n      severity: |', []],
  ])('%s', (_name, marked, expected) => {
    expect(labels(marked)).toEqual(expected);
  });

  it('replaces the word typed so far', () => {
    const text = 'groups:\n- name: a\n  rules:\n  - alert: A\n    ke';
    const [c] = ruleCompletionsAt(text, text.length).filter((x) => x.label === 'keep_firing_for');
    expect(c).toMatchObject({ insertText: 'keep_firing_for: ', range: { from: text.length - 2, to: text.length } });
  });

  it('opens a block for keys with children and a value for leaves', () => {
    const text = 'groups:\n- name: a\n  rules:\n  - ';
    const byLabel = new Map(ruleCompletionsAt(text, text.length).map((c) => [c.label, c.insertText]));
    expect(byLabel.get('labels')).toBe('labels:');
    expect(byLabel.get('expr')).toBe('expr: ');
  });
});

describe('rule file hover', () => {
  it('documents a rule key under the cursor', () => {
    const text = 'groups:\n- name: a\n  rules:\n  - alert: A\n    for: 1m\n';
    const h = ruleHoverAt(text, text.indexOf('for') + 1);
    expect(h).toMatchObject({ title: 'for' });
    expect(h!.doc).toMatch(/pending/);
  });

  it('documents nothing on a value', () => {
    const text = 'groups:\n- name: a\n';
    expect(ruleHoverAt(text, text.indexOf('a\n'))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { EXAMPLE_TEST, ruleFileNames, rulesTestInput } from './rule-test-files';

describe('ruleFileNames', () => {
  it.each([
    ['reads the rule_files list', 'rule_files:\n  - alerts.yml\n  - more.yml\ntests: []\n', ['alerts.yml', 'more.yml']],
    ['reads a flow list', 'rule_files: [a.yml]\n', ['a.yml']],
    ['names each file once', 'rule_files: [a.yml, a.yml]\n', ['a.yml']],
    ['finds nothing in a file without rule_files', 'tests: []\n', []],
    ['finds nothing in broken YAML (the server reports it)', 'rule_files: [a.yml\n', []],
    ['skips entries that are not names', 'rule_files: [1, {a: b}, x.yml]\n', ['x.yml']],
    ['finds nothing in an empty file', '', []],
  ])('%s', (_name, text, expected) => {
    expect(ruleFileNames(text)).toEqual(expected);
  });

  it('hands the editor’s rules under every listed name', () => {
    expect(rulesTestInput('rule_files: [a.yml, b.yml]\n', 'groups: []\n')).toEqual({ test: 'rule_files: [a.yml, b.yml]\n', ruleFiles: { 'a.yml': 'groups: []\n', 'b.yml': 'groups: []\n' } });
  });

  it('starts from an example that names one rule file', () => {
    expect(ruleFileNames(EXAMPLE_TEST)).toEqual(['rules.yml']);
  });
});

import { describe, expect, it } from 'vitest';
import type { RuleFileCheck, RuleLint } from '../../../shared/contract/alerts';
import { applyFix, checkMarkers, fixableLintsAt, visibleRange } from './rule-fixes';

const SEED = `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: promtail_custom_error_total > 1
    for: 1m
`;

const exprLine = 5;
const exprCol = SEED.split('\n')[4]!.indexOf('promtail') + 1;
const exprEnd = SEED.split('\n')[4]!.length + 1;

const lint: RuleLint = {
  line: exprLine,
  column: exprCol,
  endLine: exprLine,
  endColumn: exprEnd,
  code: 'counter-threshold',
  severity: 'warning',
  message: 'a counter compared to a threshold never resolves',
  group: 'seed',
  rule: 'Error_total',
  fix: { title: 'Compare its increase', edits: [{ line: exprLine, column: exprCol, endLine: exprLine, endColumn: exprEnd, text: 'increase(promtail_custom_error_total[5m]) > 0' }] },
};

describe('applyFix', () => {
  it('replaces the expression the lint points at, as the seed rule is rewritten', () => {
    expect(applyFix(SEED, lint.fix!)).toBe(SEED.replace('promtail_custom_error_total > 1', 'increase(promtail_custom_error_total[5m]) > 0'));
  });

  it('applies several edits at their positions in the original text', () => {
    const fix = {
      title: 't',
      edits: [
        { line: 6, column: 10, endLine: 6, endColumn: 11, text: '5' },
        { line: 4, column: 12, endLine: 4, endColumn: 23, text: 'Errors' },
      ],
    };
    expect(applyFix(SEED, fix)).toBe(SEED.replace('Error_total\n', 'Errors\n').replace('for: 1m', 'for: 5m'));
  });

  it('inserts a new line where a range is empty', () => {
    const fix = { title: 't', edits: [{ line: 6, column: 1, endLine: 6, endColumn: 1, text: '    keep_firing_for: 5m\n' }] };
    expect(applyFix(SEED, fix)).toBe(SEED.replace('    for: 1m', '    keep_firing_for: 5m\n    for: 1m'));
  });

  it('refuses overlapping edits instead of mangling the file', () => {
    const fix = {
      title: 't',
      edits: [
        { line: 5, column: 5, endLine: 5, endColumn: 20, text: 'a' },
        { line: 5, column: 10, endLine: 5, endColumn: 30, text: 'b' },
      ],
    };
    expect(applyFix(SEED, fix)).toBeNull();
  });

  it('clamps positions past the text instead of throwing', () => {
    const fix = { title: 't', edits: [{ line: 99, column: 99, endLine: 99, endColumn: 99, text: '# end\n' }] };
    expect(applyFix(SEED, fix)).toBe(SEED + '# end\n');
  });
});

describe('checkMarkers', () => {
  it('puts errors and lints on their ranges, lints with their code', () => {
    const check: RuleFileCheck = { errors: [{ line: 6, column: 10, endLine: 6, endColumn: 12, message: 'bad duration' }], lints: [lint], groups: [] };
    expect(checkMarkers(SEED, check)).toEqual([
      { startLineNumber: 6, startColumn: 10, endLineNumber: 6, endColumn: 12, message: 'bad duration', severity: 'error' },
      { startLineNumber: 5, startColumn: exprCol, endLineNumber: 5, endColumn: exprEnd, message: `${lint.message} [counter-threshold]`, severity: 'warning', code: 'counter-threshold' },
    ]);
  });

  it.each([
    ['widens a caret-sized range to the rest of its line', { line: 5, column: 5, endLine: 5, endColumn: 5 }, { startLineNumber: 5, startColumn: 5, endLineNumber: 5, endColumn: exprEnd }],
    ['clamps a range past the end of its line', { line: 6, column: 3, endLine: 6, endColumn: 80 }, { startLineNumber: 6, startColumn: 3, endLineNumber: 6, endColumn: 12 }],
    ['clamps a line past the end of the text to the last line', { line: 40, column: 1, endLine: 41, endColumn: 1 }, { startLineNumber: 7, startColumn: 1, endLineNumber: 7, endColumn: 2 }],
  ])('%s', (_name, range, expected) => {
    expect(visibleRange(SEED, range)).toEqual(expected);
  });
});

describe('fixableLintsAt', () => {
  it('finds the lints with a fix on the asked lines only', () => {
    const noFix = { ...lint, code: 'missing-for', fix: null };
    expect(fixableLintsAt([lint, noFix], 5, 5).map((l) => l.code)).toEqual(['counter-threshold']);
    expect(fixableLintsAt([lint], 1, 4)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
// Monaco's own Monarch compiler and lexer (no DOM needed): the tokenizer runs as in the editor.
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
import { MonarchTokenizer } from 'monaco-editor/editor/standalone/common/monarch/monarchLexer';
import { RULES_MONARCH } from './rules-monarch';

const config = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) };
const tokenizer = new MonarchTokenizer(null as never, null as never, 'vigie-rules', compile('vigie-rules', RULES_MONARCH), config as never);

/** [token, text] pairs of a text, whitespace dropped, the `.rules` postfix removed. */
function tokens(text: string): [string, string][] {
  const out: [string, string][] = [];
  let state = tokenizer.getInitialState();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const r = tokenizer.tokenize(line, i < lines.length - 1, state);
    const withLF = i < lines.length - 1 ? line + '\n' : line;
    r.tokens.forEach((t, k) => {
      const end = k + 1 < r.tokens.length ? r.tokens[k + 1]!.offset : withLF.length;
      const s = withLF.slice(t.offset, end);
      if (s.trim()) out.push([t.type.replace(/\.rules$/, ''), s.trim()]);
    });
    state = r.endState;
  });
  return out;
}

/** The token of the first piece of text equal to `word` (after `after`, when given). */
function tokenOf(text: string, word: string, after?: string): string | undefined {
  const all = tokens(text);
  const from = after ? all.findIndex(([, s]) => s === after) + 1 : 0;
  return all.slice(from).find(([, s]) => s === word)?.[0];
}

const SEED = `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: promtail_custom_error_total > 1
    for: 1m
    labels: {severity: critical}
    annotations: {summary: "Instance {{ $labels.instance }} is invaded by custom errors!"}
`;

describe('the rule-file tokenizer', () => {
  it('colours the seed rule: YAML keys and values, the expression as PromQL', () => {
    expect(tokens(SEED).slice(0, 14)).toEqual([
      ['type', 'groups'], ['operators', ':'],
      ['operators', '-'], ['type', 'name'], ['operators', ':'], ['string', 'seed'],
      ['type', 'rules'], ['operators', ':'],
      ['operators', '-'], ['type', 'alert'], ['operators', ':'], ['string', 'Error_total'],
      ['type', 'expr'], ['operators', ':'],
    ]);
    expect(tokenOf(SEED, 'promtail_custom_error_total')).toBe('label');
    expect(tokenOf(SEED, '>')).toBe('operator');
    expect(tokenOf(SEED, '1', '>')).toBe('number');
    // The next line is YAML again.
    expect(tokenOf(SEED, 'for')).toBe('type');
    expect(tokenOf(SEED, '1m')).toBe('string');
    expect(tokenOf(SEED, 'severity')).toBe('type');
    expect(tokenOf(SEED, 'summary')).toBe('type');
  });

  it.each([
    ['a function and a range', '- expr: increase(promtail_custom_error_total[5m]) > 0\n', [['increase', 'function'], ['5m', 'number'], ['0', 'number']]],
    ['aggregations and keywords', '- expr: sum by (job) (rate(x[1m])) > bool 2\n', [['sum', 'function'], ['by', 'keyword'], ['job', 'label'], ['rate', 'function'], ['bool', 'keyword']]],
    ['LogQL pipes, parsers and strings', '- expr: sum(count_over_time({job="varlogs"} |= "error" | logfmt [5m])) > 0\n', [['count_over_time', 'function'], ['"varlogs"', 'string'], ['|=', 'operator'], ['"error"', 'string'], ['logfmt', 'parser']]],
    ['a single-quoted value', "- expr: 'rate({job=\"a\"}[1m]) > 1'\n", [['rate', 'function'], ['"a"', 'string'], ['1m', 'number']]],
    ['a double-quoted value with escaped quotes', '- expr: "rate({job=\\"a\\"}[1m])"\n', [['rate', 'function'], ['\\"', 'string.escape'], ['1m', 'number']]],
    ['a flow map, up to its comma', '- {alert: A, expr: sum by (a, b) (rate(x[5m])) > 1, for: 5m}\n', [['sum', 'function'], ['b', 'label'], ['5m', 'number'], ['for', 'type']]],
  ])('colours %s', (_name, text, expected) => {
    for (const [word, token] of expected as [string, string][]) expect([word, tokenOf(text, word)]).toEqual([word, token]);
  });

  it('follows a block scalar expression until the indentation returns', () => {
    const text = '  - alert: A\n    expr: |\n      sum(\n        rate(x[5m])\n      ) > 0\n    for: 10m\n    labels:\n      rate: high\n';
    expect(tokenOf(text, 'sum')).toBe('function');
    expect(tokenOf(text, 'rate')).toBe('function');
    expect(tokenOf(text, '>')).toBe('operator');
    expect(tokenOf(text, 'for')).toBe('type');
    // A key named like a function, back in YAML, is a key.
    expect(tokenOf(text, 'rate', 'labels')).toBe('type');
  });

  it('keeps other block scalars as text', () => {
    const text = '    annotations:\n      description: |\n        rate: too high\n        sum it up\n      summary: x\n';
    expect(tokenOf(text, 'rate: too high')).toBe('string');
    expect(tokenOf(text, 'summary')).toBe('type');
  });

  it('treats words in other values as YAML, not as expressions', () => {
    const text = '- alert: rate\n  record: sum\n';
    expect(tokenOf(text, 'rate')).toBe('string');
    expect(tokenOf(text, 'sum')).toBe('string');
  });

  it('ends an inline expression at its comment', () => {
    const text = '- expr: up == 0 # is it down?\n  for: 1m\n';
    expect(tokenOf(text, '# is it down?')).toBe('comment');
    expect(tokenOf(text, 'for')).toBe('type');
  });
});

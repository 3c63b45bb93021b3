import { describe, expect, it } from 'vitest';
import { enterIndent, yamlSituation } from './yaml-situation';

/** The situation at the `|` of a text. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  return yamlSituation(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

const PROMTAIL = `scrape_configs:
- job_name: system
  static_configs:
  - targets: [localhost]
  pipeline_stages:
  - match:
      selector: '{job="varlogs"}'
      stages:
      - regex: {expression: "(?P<a>.*)"}
      - metrics:
          error_total:
            type: Counter
            `;

describe('yamlSituation', () => {
  it.each([
    ['|', [], 'key', ''],
    ['sc|', [], 'key', 'sc'],
    ['- reg|', ['-'], 'key', 'reg'],
    ['- regex:\n    expr|', ['-', 'regex'], 'key', 'expr'],
    ['- regex:\n    expression: x\n  |', ['-'], 'key', ''],
    ['- regex:\n    expression: x\n- |', ['-'], 'key', ''],
    ['- match:\n    stages:\n    - js|', ['-', 'match', 'stages', '-'], 'key', 'js'],
    ['- match:\n    stages:\n      - json:\n          exp|', ['-', 'match', 'stages', '-', 'json'], 'key', 'exp'],
    [PROMTAIL + 'conf|', ['scrape_configs', '-', 'pipeline_stages', '-', 'match', 'stages', '-', 'metrics', 'error_total'], 'key', 'conf'],
    ['scrape_configs:\n- job_name: a\n  pipe|', ['scrape_configs', '-'], 'key', 'pipe'],
    ['scrape_configs:\n- job_name: a\n  pipeline_stages:\n  - |', ['scrape_configs', '-', 'pipeline_stages', '-'], 'key', ''],
    ['# a comment\n- regex:\n\n    # another\n    so|', ['-', 'regex'], 'key', 'so'],
  ])('%j → %j', (text, path, kind, partial) => {
    const s = at(text);
    expect(s.path).toEqual(path);
    expect(s.kind).toBe(kind);
    expect(s.partial).toBe(partial);
  });

  it('follows flow maps on one line', () => {
    expect(at('- regex: {exp|')).toMatchObject({ path: ['-', 'regex'], kind: 'key', partial: 'exp' });
    expect(at('- regex: {expression: ".*", so|')).toMatchObject({ path: ['-', 'regex'], kind: 'key', partial: 'so' });
    expect(at('- metrics:\n    e: {type: Counter, config: {act|')).toMatchObject({ path: ['-', 'metrics', 'e', 'config'], kind: 'key', partial: 'act' });
    expect(at('- metrics:\n    e: {type: Cou|')).toMatchObject({ path: ['-', 'metrics', 'e'], kind: 'value', key: 'type', partial: 'Cou' });
    expect(at('- labelallow: [a, b|')).toMatchObject({ path: ['-', 'labelallow', '-'], kind: 'value', partial: 'b' });
  });

  it('gives the key of a block value', () => {
    expect(at('- metrics:\n    e:\n      type: Cou|')).toMatchObject({ path: ['-', 'metrics', 'e'], kind: 'value', key: 'type', partial: 'Cou' });
    expect(at('- regex:\n    expression: "a b|')).toMatchObject({ kind: 'value', key: 'expression' });
  });

  it('reports where the typed word starts', () => {
    const s = at('- regex:\n    expr|');
    expect(s.partialFrom).toBe('- regex:\n    '.length);
  });
});

describe('enterIndent', () => {
  it.each([
    ['', ''],
    ['  selector: x', '  '],
    ['  pipeline_stages:', '    '],
    ['  - match:', '      '],
    ['- regex: {expression: a}', ''],
  ])('%j → %j', (before, indent) => expect(enterIndent(before)).toBe(indent));
});

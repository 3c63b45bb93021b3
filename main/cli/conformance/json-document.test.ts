import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json-document';
import { parseYamlDocument } from './yaml-document';

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('suite documents with syntax errors name the file and the position', () => {
  it.each<[string, string, string]>([
    ['a stray comma', '{\n  "streams": [,\n}', 'x.json:2:15: invalid JSON'],
    ['a missing value', '{"a": }', 'x.json:1:7: invalid JSON'],
    ['a truncated file', '{"a": [1,', 'x.json:1:10: invalid JSON'],
    ['trailing text', '{}\n]', 'x.json:2:1: invalid JSON'],
  ])('JSON: %s', (_title, text, message) => {
    expect(errorOf(() => parseJsonDocument(text, 'x.json'))).toContain(message);
  });

  it.each<[string, string, string]>([
    ['an unclosed flow list', 'a: [1, 2\nb: c\n', 'x.yml:2:1: invalid YAML'],
    ['a duplicate key', 'a: 1\na: 2\n', 'x.yml:2:1: invalid YAML: Map keys must be unique'],
  ])('YAML: %s', (_title, text, message) => {
    expect(errorOf(() => parseYamlDocument(text, 'x.yml'))).toContain(message);
  });

  it('valid JSON parses', () => {
    expect(parseJsonDocument('{"a": [1, "x", true, null, -1.5e3]}', 'x.json')).toEqual({ a: [1, 'x', true, null, -1500] });
  });

  it('YAML in strings mode keeps scalars as written, as Go does for string fields', () => {
    expect(parseYamlDocument('values: 0x10\nn: 1\n', 'x.yml', { scalars: 'strings' })).toEqual({ values: '0x10', n: '1' });
  });
});

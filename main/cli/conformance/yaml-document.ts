// The one place YAML is parsed, so the library can be swapped without touching the suites.
// It uses the `yaml` package (YAML 1.2 core schema, which is what Go's yaml.v2/v3 accept for
// promtool files in practice: no `yes`/`no` booleans surprises in these files).

import { parseDocument } from 'yaml';
import { SuiteFileError } from './suite-file-error';

export interface YamlOptions {
  /**
   * 'strings' keeps every scalar as its source text (YAML's failsafe schema). Go decodes a plain
   * scalar into a string field as written, so promtool reads `values: 0x10` as "0x10" (zero,
   * ten more times), where a typed YAML parser would see the hex number 16.
   */
  scalars?: 'typed' | 'strings';
}

export function parseYamlDocument(text: string, path: string, options: YamlOptions = {}): unknown {
  const schema = options.scalars === 'strings' ? 'failsafe' : 'core';
  const doc = parseDocument(text, { uniqueKeys: true, schema });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const detail = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new SuiteFileError(path, `invalid YAML: ${detail}`, pos ? { line: pos.line, column: pos.col } : undefined);
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

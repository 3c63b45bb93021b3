import { parseLogql } from '../../../shared/logql/parse';
import type { ParseResult } from '../../../shared/logql/ast';
import { re2CheckRegex, re2Port } from '../../adapters/re2/re2-port';
import { nodeLogqlPorts } from '../../adapters/re2/logql-ports';

/** The engine's native parts in main: RE2 for Go regexp semantics, the Go template engine. */
export const logqlPorts = nodeLogqlPorts;

/** Parses and validates exactly as Loki: RE2 regexes, Go templates, empty-compatible matchers. */
export function parseQuery(query: string): ParseResult {
  return parseLogql(query, {
    checkRegex: re2CheckRegex,
    checkTemplate: (text) => {
      const r = nodeLogqlPorts.compileTemplate('line', text);
      return r.ok ? null : r.error;
    },
    regexMatchesEmpty: (pattern) => {
      const r = re2Port.compile(`^(?s:${pattern})$`);
      return r.ok && r.regex.test('');
    },
  });
}

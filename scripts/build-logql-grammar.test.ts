import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script, without type declarations
import { generateLogqlParser } from './build-logql-grammar.mjs';

describe('the committed LogQL parser', () => {
  it('is what scripts/build-logql-grammar.mjs generates from logql.grammar (run it after editing the grammar)', () => {
    const generated = generateLogqlParser() as Record<string, string>;
    expect(Object.keys(generated).sort()).toEqual(['parser.terms.ts', 'parser.ts']);
    for (const [name, text] of Object.entries(generated)) {
      const committed = readFileSync(new URL(`../shared/logql/grammar/${name}`, import.meta.url), 'utf8');
      expect(committed === text, `shared/logql/grammar/${name} is stale`).toBe(true);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script, without type declarations
import { generatePromqlParser } from './build-promql-grammar.mjs';

describe('the committed PromQL parser', () => {
  it('is what scripts/build-promql-grammar.mjs generates from promql.grammar (run it after editing the grammar)', () => {
    const generated = generatePromqlParser() as Record<string, string>;
    expect(Object.keys(generated).sort()).toEqual(['parser.terms.ts', 'parser.ts']);
    for (const [name, text] of Object.entries(generated)) {
      const committed = readFileSync(new URL(`../shared/promql/grammar/${name}`, import.meta.url), 'utf8');
      expect(committed === text, `shared/promql/grammar/${name} is stale`).toBe(true);
    }
  });
});

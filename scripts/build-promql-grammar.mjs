// Generates shared/promql/grammar/parser.ts and parser.terms.ts from promql.grammar (our
// extended copy of @prometheus-io/lezer-promql's grammar, see its header) with @lezer/generator,
// as upstream's package build does with lezer-generator, but
// as TypeScript. The output is committed, so building the app never runs the generator;
// scripts/build-promql-grammar.test.ts fails when it is stale.
//
//   node scripts/build-promql-grammar.mjs          write the files
//   node scripts/build-promql-grammar.mjs --check  exit 1 if the committed files are stale
import { fileURLToPath } from 'node:url';
import { generateParser, writeOrCheck } from './lezer-grammar.mjs';

const dir = new URL('../shared/promql/grammar/', import.meta.url);

/** The generated files' texts, keyed by file name in shared/promql/grammar/. */
export function generatePromqlParser() {
  return generateParser(dir, 'promql.grammar', 'build-promql-grammar.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeOrCheck(dir, generatePromqlParser());

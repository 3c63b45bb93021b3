// Generates shared/logql/grammar/parser.ts and parser.terms.ts from logql.grammar (our
// extended copy of @grafana/lezer-logql's grammar, see its header) with @lezer/generator,
// as upstream's build.sh does with `lezer-generator src/logql.grammar -o src/parser`, but
// as TypeScript. The output is committed, so building the app never runs the generator;
// scripts/build-logql-grammar.test.ts fails when it is stale.
//
//   node scripts/build-logql-grammar.mjs          write the files
//   node scripts/build-logql-grammar.mjs --check  exit 1 if the committed files are stale
import { fileURLToPath } from 'node:url';
import { generateParser, writeOrCheck } from './lezer-grammar.mjs';

const dir = new URL('../shared/logql/grammar/', import.meta.url);

/** The generated files' texts, keyed by file name in shared/logql/grammar/. */
export function generateLogqlParser() {
  return generateParser(dir, 'logql.grammar', 'build-logql-grammar.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeOrCheck(dir, generateLogqlParser());

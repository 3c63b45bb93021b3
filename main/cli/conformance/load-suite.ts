// File → Suite, choosing the parser from the file's format rather than its folder, so --dir can
// point anywhere. Files that are not suites (a rule file, a README, loki-api fixtures) give null.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseJsonDocument } from './json-document';
import type { AnySuite, Family } from './model';
import { SuiteFileError } from './suite-file-error';
import { isLogqlDocument, logqlCasesFromDocument } from './suites/logql-suite';
import { isPipelineDocument, pipelineCasesFromDocument } from './suites/pipeline-suite';
import { parsePromqlScript } from './suites/promql-script';
import { promtoolCasesFromDocument } from './suites/promtool-suite';
import { parseYamlDocument } from './yaml-document';

export type LoadResult = { suite: AnySuite } | { skipped: string };

const PROMQL_COMMAND = /^\s*(load|load_with_nhcb|eval|eval_\w+)\s/m;

export function loadSuiteFile(file: string): LoadResult {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  const name = basename(path, extname(path));
  if (!['.test', '.json', '.yml', '.yaml'].includes(ext)) return { skipped: 'not a suite file type' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SuiteFileError(path, `cannot read: ${(err as Error).message}`);
  }
  const suite = <F extends Family>(family: F, cases: AnySuite['cases']) => ({ suite: { family, name, path, cases } as AnySuite });
  if (ext === '.test') {
    if (!PROMQL_COMMAND.test(text)) return { skipped: 'no load/eval commands' };
    return suite('promql', parsePromqlScript(text, path));
  }
  if (ext === '.json') {
    const doc = parseJsonDocument(text, path);
    if (isLogqlDocument(doc)) return suite('logql', logqlCasesFromDocument(doc, path));
    if (isPipelineDocument(doc)) return suite('pipeline', pipelineCasesFromDocument(doc, path));
    return { skipped: 'JSON without streams+cases or pipeline cases' };
  }
  const doc = parseYamlDocument(text, path, { scalars: 'strings' });
  if (doc && typeof doc === 'object' && 'tests' in doc) return suite('promtool', promtoolCasesFromDocument(doc, path));
  return { skipped: 'YAML without tests (a rule file?)' };
}

/** Suites of a folder (not recursive), in file-name order so reports are stable. */
export function loadSuiteFolder(dir: string): { suites: AnySuite[]; skipped: { path: string; why: string }[] } {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch (err) {
    throw new SuiteFileError(dir, `cannot read the folder: ${(err as Error).message}`);
  }
  const suites: AnySuite[] = [];
  const skipped: { path: string; why: string }[] = [];
  for (const n of names) {
    const path = join(dir, n);
    const result = loadSuiteFile(path);
    if ('suite' in result) suites.push(result.suite);
    else skipped.push({ path, why: result.skipped });
  }
  return { suites, skipped };
}

// `npm run conformance [-- --suite FAMILY] [--dir PATH] [--verbose]`
// Exit 0 even when cases fail (this is a report); 2 for bad arguments or unreadable suites.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USAGE, parseArgs } from './args';
import { defaultRegistry } from './engines';
import { loadSuiteFolder } from './load-suite';
import { FAMILIES, type AnySuite } from './model';
import { formatReport } from './report';
import { runSuites } from './run-suites';
import { SuiteFileError } from './suite-file-error';

/** The repo root, found from this file (main/cli/conformance/), so the cwd does not matter. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_CONFORMANCE_DIR = resolve(REPO_ROOT, '../shared/conformance');

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    process.stderr.write(`conformance: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { suite: only, dir, verbose } = parsed.args;
  // --dir is resolved from the cwd (what a user typed); the default from the repo root.
  const folders = dir ? [resolve(dir)] : (only ? [only] : FAMILIES).map((f) => join(DEFAULT_CONFORMANCE_DIR, f));
  const suites: AnySuite[] = [];
  try {
    for (const folder of folders) {
      if (!existsSync(folder)) throw new SuiteFileError(folder, 'no such folder');
      const loaded = loadSuiteFolder(folder);
      suites.push(...loaded.suites.filter((s) => !only || s.family === only));
      if (verbose) for (const s of loaded.skipped) process.stderr.write(`conformance: not a suite, skipped: ${s.path} (${s.why})\n`);
    }
  } catch (err) {
    if (err instanceof SuiteFileError) {
      process.stderr.write(`conformance: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (dir && suites.length === 0) {
    process.stderr.write(`conformance: no suite files in ${resolve(dir)}\n`);
    return 2;
  }
  const results = await runSuites(suites, defaultRegistry());
  process.stdout.write(formatReport(results, verbose).join('\n') + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`conformance: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);

/**
 * `rules.test`: a promtool unit-test file run from text, its rule files given by the names it
 * lists in `rule_files` (relative to the test file, as promtool resolves them). The answer is
 * what `promtool test rules` prints — stdout and stderr in the order a terminal shows them —
 * and its exit code.
 */
import { dirname, joinPath, rulesUnitTest, type PromtoolIo } from '../../engines/promtool/run-files';
import { parsePromqlError, promqlBackend } from './promql-backend';

export const TEST_FILE = 'unittest.yml';

/** filepath.Match for one path element pattern: `*`, `?`, `[…]`. */
function globToRegExp(pattern: string): RegExp {
  return new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
}

export function memoryPromtoolIo(files: ReadonlyMap<string, string>): PromtoolIo {
  return {
    readFile(path) {
      const text = files.get(path);
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    },
    glob(pattern) {
      if (!/[*?[]/.test(pattern)) return files.has(pattern) ? [pattern] : [];
      const re = globToRegExp(pattern);
      return [...files.keys()].filter((k) => re.test(k)).sort();
    },
    createBackend: promqlBackend,
    parseExpr: parsePromqlError,
  };
}

export async function runRulesTest(input: { test: string; ruleFiles: Record<string, string> }): Promise<{ exitCode: number; output: string }> {
  const files = new Map<string, string>([[TEST_FILE, input.test]]);
  // Named as the test file names them; promtool joins them to the test file's folder.
  for (const [name, text] of Object.entries(input.ruleFiles)) files.set(name.startsWith('/') ? name : joinPath(dirname(TEST_FILE), name), text);
  const run = await rulesUnitTest([TEST_FILE], memoryPromtoolIo(files));
  return { exitCode: run.exitCode, output: run.writes.map((w) => w.text).join('') };
}

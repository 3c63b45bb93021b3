// `vigie rules test FILE…`: a drop-in for `promtool test rules` — the same text on the same
// streams, the same exit code (0 all passed, 1 a file failed or is missing).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { rulesUnitTest, type PromtoolIo } from '../../engines/promtool/run-files';
import type { Services } from '../../host/create-services';
import { parsePromqlError, promqlBackend } from './rules-backend';
import { rulesBacktestVerb } from './rules-backtest';
import { rulesLintVerb } from './rules-lint';

export const rulesUsage = `vigie rules test FILE…
vigie rules lint FILE… [--promtail CONFIG] [--fix]
vigie rules backtest FILE --from PATH [--promtail CONFIG] --start T --end T [--interval 1m] [--output table|json]

test       runs Prometheus rule unit tests exactly as \`promtool test rules FILE…\` does: same
           output, same exit code (0 when every file passes, 1 otherwise)
lint       checks rule files: FILE:LINE:COL: SEVERITY: MESSAGE [CODE], then the fix (exit 1 on errors)
backtest   evaluates the rules over past logs: when each alert was pending, firing, resolved

vigie rules lint --help, vigie rules backtest --help: the options of each.`;

export function nodePromtoolIo(overrides: Partial<PromtoolIo> = {}): PromtoolIo {
  return {
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(`open ${path}: ${code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      }
    },
    glob: globFiles,
    createBackend: promqlBackend,
    parseExpr: parsePromqlError,
    ...overrides,
  };
}

/** filepath.Glob for `*`, `?` and `[…]` in the last path element (what rule_files use). */
function globFiles(pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return existsSync(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  const re = new RegExp('^' + basename(pattern).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  try {
    return readdirSync(dir).filter((n) => re.test(n)).sort().map((n) => (dir === '.' ? n : `${dir}/${n}`));
  } catch {
    return [];
  }
}

export async function rulesVerb(argv: string[], services: Services | undefined, out: (s: string) => void, err: (s: string) => void, io: PromtoolIo = nodePromtoolIo()): Promise<number> {
  const [sub, ...files] = argv;
  if (!sub || sub === '--help' || sub === '-h') return out(rulesUsage + '\n'), 0;
  if (sub === 'lint') return rulesLintVerb(files, out);
  if (sub === 'backtest') {
    if (!services) throw new Error('vigie rules backtest needs the services');
    return rulesBacktestVerb(files, services, out, err);
  }
  if (sub !== 'test') return err(`vigie rules: unknown subcommand "${sub}"\n\n${rulesUsage}\n`), 2;
  if (files.length === 0) return err(`vigie rules test: error: required argument 'test-rule-file' not provided, try --help\n`), 1;
  // promtool (kingpin ExistingFiles) refuses a missing path before testing anything.
  const missing = files.find((f) => !existsSync(f));
  if (missing) return err(`vigie rules test: error: path '${missing}' does not exist, try --help\n`), 1;
  const run = await rulesUnitTest(files, io);
  for (const w of run.writes) (w.stream === 'stdout' ? out : err)(w.text);
  return run.exitCode;
}

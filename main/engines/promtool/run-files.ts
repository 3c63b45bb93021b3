// RulesUnitTest: each file prints "Unit Testing:  FILE", then "  SUCCESS" or "  FAILED:" and
// its errors (errors on stderr, one blank stdout line per error, as promtool interleaves them),
// then a blank line; the exit code is 1 when any file failed. File access is injected.

import { parseRuleFile } from '../alerting/rulefmt';
import { runTestGroup, type BackendFactory, type LoadedRuleGroup } from './run-group';
import { parseUnitTestFile } from './test-file';

export interface PromtoolIo {
  /** The file's text; throws with Go's error text (`open X: no such file or directory`). */
  readFile(path: string): string;
  /** filepath.Glob: matching paths, sorted; a plain path matches itself when it exists. */
  glob(pattern: string): string[];
  createBackend: BackendFactory;
  /** The expression parser's error (rulefmt validation), or null. */
  parseExpr?: (expr: string) => string | null;
}

export type Write = { stream: 'stdout' | 'stderr'; text: string };

export interface PromtoolRun {
  writes: Write[];
  exitCode: 0 | 1;
}

export async function rulesUnitTest(files: readonly string[], io: PromtoolIo): Promise<PromtoolRun> {
  const writes: Write[] = [];
  const out = (text: string) => writes.push({ stream: 'stdout', text });
  const err = (text: string) => writes.push({ stream: 'stderr', text });
  let failed = false;
  for (const f of files) {
    out(`Unit Testing:  ${f}\n`);
    const errs = await ruleUnitTest(f, io, err);
    if (errs.length > 0) {
      err('  FAILED:\n');
      for (const e of errs) {
        err(e + '\n');
        out('\n');
      }
      failed = true;
    } else {
      out('  SUCCESS\n');
    }
    out('\n');
  }
  return { writes, exitCode: failed ? 1 : 0 };
}

export function joinOutput(run: PromtoolRun, stream: Write['stream']): string {
  return run.writes.filter((w) => w.stream === stream).map((w) => w.text).join('');
}

async function ruleUnitTest(file: string, io: PromtoolIo, warn: (s: string) => void): Promise<string[]> {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
  const parsed = parseUnitTestFile(text);
  if (!parsed.ok) return [parsed.error];
  const unit = parsed.file;
  const base = dirname(file);
  const ruleFiles: string[] = [];
  for (const rf of unit.ruleFiles) {
    const path = rf !== '' && !rf.startsWith('/') ? joinPath(base, rf) : rf;
    const m = io.glob(path);
    if (m.length === 0) warn(`  WARNING: no file match pattern ${path}\n`);
    ruleFiles.push(...m);
  }
  const order = new Map<string, number>();
  for (const [i, name] of unit.groupEvalOrder.entries()) {
    if (order.has(name)) return [`group name repeated in evaluation order: ${name}`];
    order.set(name, i);
  }
  const errs: string[] = [];
  for (const tg of unit.tests) {
    // LoadGroups runs per test group in promtool; its result does not depend on the group.
    const loaded = loadRuleGroups(ruleFiles, io);
    if ('errors' in loaded) {
      errs.push(...loaded.errors);
      continue;
    }
    errs.push(...(await runTestGroup(tg, loaded.groups, unit.evaluationIntervalMs, order, io.createBackend)));
  }
  return errs;
}

export function loadRuleGroups(files: readonly string[], io: Pick<PromtoolIo, 'readFile' | 'parseExpr'>): { groups: LoadedRuleGroup[] } | { errors: string[] } {
  const groups: LoadedRuleGroup[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      return { errors: [`${file}: ${e instanceof Error ? e.message : String(e)}`] };
    }
    const parsed = parseRuleFile(text, io.parseExpr ? { parseExpr: io.parseExpr } : {});
    if (!parsed.ok) return { errors: parsed.errors.map((e) => `${file}: ${e.message}`) };
    for (const spec of parsed.groups) groups.push({ file, spec });
  }
  return { groups };
}

/** filepath.Dir. */
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : cleanPath(p.slice(0, i));
}

/** filepath.Join: joined and cleaned (`./a/../b` → `b`). */
export function joinPath(a: string, b: string): string {
  return cleanPath(a === '' ? b : `${a}/${b}`);
}

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part !== '..' || !abs) parts.push(part);
  }
  const joined = parts.join('/');
  return abs ? '/' + joined : joined || '.';
}

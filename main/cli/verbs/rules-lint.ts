// `vigie rules lint FILE…`: the rule files checked as the Alerts page checks them. One line per
// finding, `file:line:col: severity: message [code]`, then an indented `fix:` line with its
// edits when the lint has one. Exit 0 when nothing is an error, 1 otherwise (a file that does
// not load, an expression that does not parse, a template that does not parse).

import { readFile, writeFile } from 'node:fs/promises';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { parseArgv } from '../args';
import { checkRules } from '../../services/alerts/check-rules';
import { pipelineMetricTypes } from '../../services/alerts/pipeline-metrics';
import { applyEdits } from '../../engines/alerting/lint/rule-source';
import type { RuleLintFinding } from '../../engines/alerting/lint/check-file';

export const rulesLintUsage = `vigie rules lint FILE… [--promtail CONFIG] [--fix]

Checks Prometheus rule files (or Loki ruler files, whose expr is LogQL) and prints
  FILE:LINE:COL: SEVERITY: MESSAGE [CODE]
    fix: TITLE: LINE:COL-LINE:COL → "NEW TEXT"
Severities: error (the file would not load), warning, info. Exit 1 when there is an error.
  --promtail CONFIG   the pipeline whose metrics the rules read: its metrics stages say which
                      series are counters and which gauges
  --fix               write every fix into the files (and report what remains)`;

const range = (r: { line: number; column: number; endLine: number; endColumn: number }) => `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;

function printLint(file: string, l: RuleLintFinding, out: (s: string) => void): void {
  out(`${file}:${l.line}:${l.column}: ${l.severity}: ${l.message} [${l.code}]\n`);
  if (l.fix) out(`    fix: ${l.fix.title}: ${l.fix.edits.map((e) => `${range(e)} → ${JSON.stringify(e.text)}`).join(', ')}\n`);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new AppFailure(appError('not_found', `${what}${path}: ${(e as Error).message}`, { path }));
  }
}

export async function rulesLintVerb(argv: string[], out: (s: string) => void): Promise<number> {
  const p = parseArgv(argv, { promtail: 'string', fix: 'boolean', help: 'boolean' });
  if (!p.ok) throw new AppFailure(appError('bad_input', `${p.error}\n\n${rulesLintUsage}`));
  if (p.flags.help) return out(rulesLintUsage + '\n'), 0;
  if (p.positionals.length === 0) throw new AppFailure(appError('bad_input', `give at least one rule FILE\n\n${rulesLintUsage}`));
  const types = p.flags.promtail === undefined ? undefined : pipelineMetricTypes(await readText(String(p.flags.promtail), '--promtail '));
  let errors = 0;
  let others = 0;
  for (const file of p.positionals) {
    let text = await readText(file, '');
    let check = checkRules(text, types ? { metricTypes: types } : {});
    if (p.flags.fix) {
      // One fix per pass (their edits were computed on the text before it), until none is left.
      const applied = new Set<string>();
      const key = (l: RuleLintFinding) => `${l.code}\u0000${l.group}\u0000${l.rule}\u0000${l.message}`;
      for (let pass = 0; pass < 100; pass++) {
        const next = check.lints.find((l) => l.fix && !applied.has(key(l)));
        if (!next) break;
        applied.add(key(next));
        text = applyEdits(text, next.fix!.edits);
        check = checkRules(text, types ? { metricTypes: types } : {});
      }
      await writeFile(file, text);
    }
    for (const e of check.errors) out(`${file}:${e.line}:${e.column}: error: ${e.message}\n`);
    for (const l of check.lints) printLint(file, l, out);
    errors += check.errors.length + check.lints.filter((l) => l.severity === 'error').length;
    others += check.lints.filter((l) => l.severity !== 'error').length;
  }
  if (errors + others > 0) out(`${errors} error${errors === 1 ? '' : 's'}, ${others} warning${others === 1 ? '' : 's'} or note${others === 1 ? '' : 's'}\n`);
  return errors > 0 ? 1 : 0;
}

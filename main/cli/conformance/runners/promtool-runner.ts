// promtool cases through Vigie's promtool engine: each case runs its test group with only its
// own assertion (promtool's verdict per assertion does not depend on the others), over the
// real tsdb + PromQL engine. The recorded verdict: every assertion passes, except in
// failing.yml, which the conformance README says promtool fails (recorded: all 4 assertions
// fail). A case passes when Vigie reaches promtool's verdict.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadRuleGroups } from '../../../engines/promtool/run-files';
import { runTestGroup } from '../../../engines/promtool/run-group';
import type { TestGroupSpec } from '../../../engines/promtool/test-file';
import { modelDurationString } from '../../../engines/promtool/format';
import { parsePromqlError, promqlBackend } from '../../verbs/rules-backend';
import type { CaseOutcome, CaseRunner } from '../model';
import type { PromtoolCase } from '../suites/promtool-suite';

/** Suites whose every assertion promtool reports as failed. */
const EXPECTED_TO_FAIL = new Set(['failing']);

export function caseTestGroup(c: PromtoolCase): TestGroupSpec {
  const a = c.assertion;
  return {
    name: c.group.name ?? '',
    intervalMs: c.group.intervalMs,
    // The suite parsed values already; the engine re-expands them from text.
    inputSeries: c.group.inputSeries.map((s) => ({ series: s.series, values: s.values.map((v) => (v.kind === 'float' ? floatText(v.value) : v.kind === 'stale' ? 'stale' : v.kind === 'omitted' ? '_' : v.text)).join(' ') })),
    alertRuleTests: a.kind === 'alert' ? [{ evalTimeMs: a.evalTimeMs, evalTimeText: modelDurationString(a.evalTimeMs), alertname: a.alertname, expAlerts: a.expAlerts }] : [],
    promqlExprTests: a.kind === 'expr' ? [{ expr: a.expr, evalTimeMs: a.evalTimeMs, evalTimeText: modelDurationString(a.evalTimeMs), expSamples: a.expSamples.map((s) => ({ labels: s.labels, value: s.value ?? 0 })) }] : [],
    externalLabels: c.group.externalLabels,
    externalUrl: c.group.externalUrl ?? '',
  };
}

export const promtoolCaseRunner: CaseRunner<PromtoolCase> = {
  async run(c, ctx): Promise<CaseOutcome> {
    const loaded = loadRuleGroups(c.ruleFiles, { readFile: (p) => readFileSync(p, 'utf8'), parseExpr: parsePromqlError });
    const order = new Map(c.groupEvalOrder.map((name, i) => [name, i]));
    const errors = 'errors' in loaded ? loaded.errors : await runTestGroup(caseTestGroup(c), loaded.groups, c.evaluationIntervalMs, order, promqlBackend);
    const expectFailure = EXPECTED_TO_FAIL.has(basename(ctx.suite.path).replace(/\.ya?ml$/, ''));
    if (expectFailure) return errors.length > 0 ? { status: 'passed' } : { status: 'failed', reason: 'promtool fails this assertion; Vigie passed it' };
    return errors.length === 0 ? { status: 'passed' } : { status: 'failed', reason: errors.join('\n') };
  },
};

const floatText = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : String(v));

// One test group of a promtool file, as testGroup.test does: load the input series lazily,
// evaluate every rule group at each evaluation_interval from 0 to the largest eval_time,
// compare firing alerts at each alert_rule_test's eval_time (the last evaluation at or before
// it), then run each promql_expr_test on the final store. Returns promtool's error texts.

import { RuleGroup } from '../alerting/group';
import { compareLabels, labelsEqual } from '../alerting/labels';
import type { Labels, RuleGroupSpec, Vector } from '../alerting/types';
import { parseSeriesDescriptor } from '../../../shared/notation/series-descriptor';
import { expandSeriesValues } from '../../../shared/notation/series-values';
import { alertsString, compareAlerts, goDurationString, modelDurationString, samplesString, type LabelsAndAnnotations, type ParsedSample } from './format';
import type { TestGroupSpec } from './test-file';

/** The store and engine one test group runs on (a fresh one per group). */
export interface PromtoolBackend {
  append(labels: Labels, tMs: number, value: number): void;
  appendStale(labels: Labels, tMs: number): void;
  /** An instant query (a scalar as one unlabelled sample); throws with the engine's message. */
  query(expr: string, tMs: number): Vector | Promise<Vector>;
}

export type BackendFactory = (opts: { subqueryIntervalMs: number }) => PromtoolBackend;

export interface LoadedRuleGroup {
  file: string;
  spec: RuleGroupSpec;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runTestGroup(tg: TestGroupSpec, ruleGroups: readonly LoadedRuleGroup[], evalIntervalMs: number, groupOrder: ReadonlyMap<string, number>, createBackend: BackendFactory): Promise<string[]> {
  const pending = loadSamples(tg);
  if ('error' in pending) return [pending.error];
  const backend = createBackend({ subqueryIntervalMs: evalIntervalMs });
  // Go sorts a map of groups by their order (0 when unlisted); file order makes ties stable.
  const groups = ruleGroups.map((g) => new RuleGroup(g.spec, g.file)).map((g, i) => ({ g, i }))
    .sort((a, b) => (groupOrder.get(a.g.name) ?? 0) - (groupOrder.get(b.g.name) ?? 0) || a.i - b.i).map((x) => x.g);
  for (const at of tg.alertRuleTests) {
    if (at.alertname === '') {
      const where = tg.name ? ` (in TestGroup ${tg.name})` : '';
      return [`an item under alert_rule_test misses required attribute alertname at eval_time ${modelDurationString(at.evalTimeMs)}${where}`];
    }
  }
  const maxt = Math.max(0, ...tg.alertRuleTests.map((a) => a.evalTimeMs), ...tg.promqlExprTests.map((p) => p.evalTimeMs));
  const alertTimes = [...new Set(tg.alertRuleTests.map((a) => a.evalTimeMs))].sort((a, b) => a - b);
  const env = {
    query: (expr: string, t: number) => backend.query(expr, t),
    append: (samples: { labels: Labels; tMs: number; value: number; stale?: boolean }[]) => {
      for (const s of samples) s.stale ? backend.appendStale(s.labels, s.tMs) : backend.append(s.labels, s.tMs, s.value);
    },
    externalLabels: tg.externalLabels,
    externalUrl: tg.externalUrl,
  };
  const errs: string[] = [];
  let curr = 0;
  let next = 0;
  for (let ts = 0; ts <= maxt; ts += evalIntervalMs) {
    while (next < pending.samples.length && pending.samples[next]!.t <= ts) {
      const s = pending.samples[next++]!;
      s.stale ? backend.appendStale(s.labels, s.t) : backend.append(s.labels, s.t, s.v);
    }
    const evalErrs: string[] = [];
    for (const g of groups) {
      await g.eval(ts, env);
      for (const e of g.errors()) evalErrs.push(`    rule: ${e.rule}, time: ${goDurationString(ts)}, err: ${e.error}`);
    }
    if (evalErrs.length > 0) return [...errs, ...evalErrs];
    while (curr < alertTimes.length && ts <= alertTimes[curr]! && alertTimes[curr]! < ts + evalIntervalMs) {
      errs.push(...checkAlerts(tg, alertTimes[curr]!, groups));
      curr++;
    }
  }
  for (const pt of tg.promqlExprTests) {
    const time = modelDurationString(pt.evalTimeMs);
    let got: Vector;
    try {
      got = await backend.query(pt.expr, pt.evalTimeMs);
    } catch (e) {
      errs.push(`    expr: ${JSON.stringify(pt.expr)}, time: ${time}, err: ${errText(e)}`);
      continue;
    }
    const exp: ParsedSample[] = [];
    let bad: string | undefined;
    for (const s of pt.expSamples) {
      try {
        exp.push({ labels: s.labels.trim() === '' ? {} : parseSeriesDescriptor(s.labels).labels, value: s.value });
      } catch (e) {
        bad = `    expr: ${JSON.stringify(pt.expr)}, time: ${time}, err: labels ${JSON.stringify(s.labels)}: ${errText(e)}`;
        break;
      }
    }
    if (bad) {
      errs.push(bad);
      continue;
    }
    const gotSamples: ParsedSample[] = got.map((s) => ({ labels: s.labels, value: s.value }));
    exp.sort((a, b) => compareLabels(a.labels, b.labels));
    gotSamples.sort((a, b) => compareLabels(a.labels, b.labels));
    // reflect.DeepEqual: float64 by ==, so NaN never equals NaN.
    const same = exp.length === gotSamples.length && exp.every((e, i) => labelsEqual(e.labels, gotSamples[i]!.labels) && e.value === gotSamples[i]!.value);
    if (!same) errs.push(`    expr: ${JSON.stringify(pt.expr)}, time: ${time},\n        exp: ${samplesString(exp)}\n        got: ${samplesString(gotSamples)}`);
  }
  return errs;
}

function checkAlerts(tg: TestGroupSpec, t: number, groups: readonly RuleGroup[]): string[] {
  const tests = tg.alertRuleTests.filter((a) => a.evalTimeMs === t);
  const names = new Set(tests.map((a) => a.alertname));
  const got = new Map<string, LabelsAndAnnotations[]>();
  for (const g of groups) {
    for (const r of g.alertingRules()) {
      if (!names.has(r.name)) continue;
      const firing = r.activeAlerts().filter((a) => a.status.state === 'firing').map((a) => ({ labels: a.labels, annotations: a.annotations }));
      got.set(r.name, [...(got.get(r.name) ?? []), ...firing]);
    }
  }
  const out: string[] = [];
  for (const tc of tests) {
    const gotAlerts = [...(got.get(tc.alertname) ?? [])].sort(compareAlerts);
    const expAlerts = tc.expAlerts.map((a) => ({ labels: { ...a.expLabels, alertname: tc.alertname }, annotations: a.expAnnotations })).sort(compareAlerts);
    const same = gotAlerts.length === expAlerts.length && gotAlerts.every((a, i) => compareAlerts(a, expAlerts[i]!) === 0);
    if (same) continue;
    const name = tg.name ? `    name: ${tg.name},\n` : '';
    const indent = (s: string) => s.split('\n').join('\n            ');
    out.push(`${name}    alertname: ${tc.alertname}, time: ${modelDurationString(tc.evalTimeMs)}, \n        exp:${indent(alertsString(expAlerts))}, \n        got:${indent(alertsString(gotAlerts))}`);
  }
  return out;
}

type InputSample = { labels: Labels; t: number; v: number; stale: boolean };

/** The `load` of the input series, in time order (the lazy loader appends up to each ts). */
function loadSamples(tg: TestGroupSpec): { samples: InputSample[] } | { error: string } {
  const samples: InputSample[] = [];
  for (const s of tg.inputSeries) {
    try {
      const { labels } = parseSeriesDescriptor(s.series);
      expandSeriesValues(s.values).forEach((v, i) => {
        const t = i * tg.intervalMs;
        if (v.kind === 'float') samples.push({ labels, t, v: v.value, stale: false });
        else if (v.kind === 'stale') samples.push({ labels, t, v: NaN, stale: true });
        // Native histogram samples are out of scope: not stored, as the tsdb does not store them.
      });
    } catch (e) {
      return { error: `error in load command: ${s.series} ${s.values}: ${errText(e)}` };
    }
  }
  samples.sort((a, b) => a.t - b.t);
  return { samples };
}

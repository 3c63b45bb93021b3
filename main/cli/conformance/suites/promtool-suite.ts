// `promtool test rules` files → one case per alert_rule_test / promql_expr_test entry (a test
// group with neither is one case: promtool still loads its rules and series). Each case carries
// its group's series and the rule files, so it can run alone; promtool evaluates a group as a
// whole, and an engine may cache that per group (`groupIndex`).

import { dirname, resolve } from 'node:path';
import type { CaseBase } from '../model';
import { parsePromDuration } from '../../../../shared/notation/duration';
import { NotationError } from '../../../../shared/notation/go-string';
import { parseSeriesDescriptor, type Labels } from '../../../../shared/notation/series-descriptor';
import { expandSeriesValues, type SequenceValue } from '../../../../shared/notation/series-values';
import { SuiteFileError } from '../suite-file-error';

export interface PromtoolInputSeries {
  series: string;
  labels: Labels;
  values: SequenceValue[];
}

export interface PromtoolGroup {
  index: number;
  name?: string;
  intervalMs: number;
  inputSeries: PromtoolInputSeries[];
  externalLabels: Labels;
  externalUrl?: string;
}

export type PromtoolAssertion =
  | { kind: 'alert'; evalTimeMs: number; alertname: string; expAlerts: { expLabels: Labels; expAnnotations: Labels }[] }
  | { kind: 'expr'; evalTimeMs: number; expr: string; expSamples: { labels: string; value?: number; histogram?: string }[] }
  | { kind: 'group-only' };

export interface PromtoolCase extends CaseBase {
  /** Absolute paths of the rule files, resolved from the test file's folder as promtool does. */
  ruleFiles: string[];
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  group: PromtoolGroup;
  assertion: PromtoolAssertion;
}

type Obj = Record<string, unknown>;

export function promtoolCasesFromDocument(doc: unknown, path: string): PromtoolCase[] {
  const bad = (detail: string): never => {
    throw new SuiteFileError(path, `not a promtool test file: ${detail}`);
  };
  const root = isObj(doc) ? doc : bad('the document is not a map');
  const read = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof NotationError) return bad(`${what}: ${err.message}`);
      throw err;
    }
  };
  const ruleFiles = list(root.rule_files, 'rule_files', bad).map((f) => resolve(dirname(path), String(f)));
  const evaluationIntervalMs = read('evaluation_interval', () => duration(root.evaluation_interval ?? '1m'));
  const groupEvalOrder = list(root.group_eval_order, 'group_eval_order', bad).map(String);
  const cases: PromtoolCase[] = [];
  list(root.tests, 'tests', bad).forEach((t, index) => {
    const where = `tests[${index}]`;
    const test = isObj(t) ? t : bad(`${where} is not a map`);
    const group: PromtoolGroup = {
      index,
      ...(typeof test.name === 'string' ? { name: test.name } : {}),
      intervalMs: read(`${where}.interval`, () => duration(test.interval ?? evaluationIntervalFallback(root))),
      inputSeries: list(test.input_series, `${where}.input_series`, bad).map((s, j) => read(`${where}.input_series[${j}]`, () => {
        const entry = isObj(s) ? s : bad(`${where}.input_series[${j}] is not a map`);
        const series = String(entry.series ?? '');
        return { series, labels: parseSeriesDescriptor(series).labels, values: expandSeriesValues(String(entry.values ?? '')) };
      })),
      externalLabels: stringMap(test.external_labels),
      ...(typeof test.external_url === 'string' ? { externalUrl: test.external_url } : {}),
    };
    const title = `${where}${group.name ? ` ${JSON.stringify(group.name)}` : ''}`;
    const base = { ruleFiles, evaluationIntervalMs, groupEvalOrder, group };
    list(test.alert_rule_test, `${where}.alert_rule_test`, bad).forEach((a, j) => {
      const at = isObj(a) ? a : bad(`${where}.alert_rule_test[${j}] is not a map`);
      const evalTime = String(at.eval_time ?? '0');
      cases.push({
        ...base,
        name: `${title} alert_rule_test[${j}]: ${String(at.alertname)} @ ${evalTime}`,
        assertion: {
          kind: 'alert',
          evalTimeMs: read(`${where}.alert_rule_test[${j}].eval_time`, () => duration(evalTime)),
          alertname: String(at.alertname ?? ''),
          expAlerts: list(at.exp_alerts, 'exp_alerts', bad).map((e) => ({
            expLabels: stringMap(isObj(e) ? e.exp_labels : undefined),
            expAnnotations: stringMap(isObj(e) ? e.exp_annotations : undefined),
          })),
        },
      });
    });
    list(test.promql_expr_test, `${where}.promql_expr_test`, bad).forEach((p, j) => {
      const pt = isObj(p) ? p : bad(`${where}.promql_expr_test[${j}] is not a map`);
      const evalTime = String(pt.eval_time ?? '0');
      const expSamples = list(pt.exp_samples, 'exp_samples', bad).map((s) => {
        const sample = isObj(s) ? s : {};
        return {
          labels: String(sample.labels ?? ''),
          ...(sample.value !== undefined ? { value: Number(sample.value) } : {}),
          ...(sample.histogram !== undefined ? { histogram: String(sample.histogram) } : {}),
        };
      });
      cases.push({
        ...base,
        name: `${title} promql_expr_test[${j}]: ${String(pt.expr)} @ ${evalTime}`,
        ...(expSamples.some((s) => s.histogram !== undefined) ? { outOfScope: 'native histograms ({{…}}) are out of scope' } : {}),
        assertion: {
          kind: 'expr',
          evalTimeMs: read(`${where}.promql_expr_test[${j}].eval_time`, () => duration(evalTime)),
          expr: String(pt.expr ?? ''),
          expSamples,
        },
      });
    });
    if (!test.alert_rule_test && !test.promql_expr_test) {
      cases.push({ ...base, name: `${title}: loads its rules and series`, assertion: { kind: 'group-only' } });
    }
  });
  return cases;
}

/** promtool: a test group without `interval` uses the file's evaluation_interval (default 1m). */
function evaluationIntervalFallback(root: Obj): unknown {
  return root.evaluation_interval ?? '1m';
}

function duration(value: unknown): number {
  return parsePromDuration(String(value));
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown, what: string, bad: (d: string) => never): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : bad(`${what} is not a list`);
}

function stringMap(v: unknown): Labels {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, String(val)]));
}

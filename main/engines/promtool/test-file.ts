// A `promtool test rules` file decoded as promtool 2.42 decodes it: yaml.v2 UnmarshalStrict
// into its structs (an unknown field, such as a native-histogram `histogram` sample, is an
// error worded as yaml.v2 words it), durations as model.Duration, values as float64.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { parseModelDuration } from '../alerting/rulefmt';
import type { Labels } from '../alerting/types';

export interface ExpAlert { expLabels: Record<string, string>; expAnnotations: Record<string, string> }
export interface AlertTestCase { evalTimeMs: number; evalTimeText: string; alertname: string; expAlerts: ExpAlert[] }
export interface ExprTestCase { expr: string; evalTimeMs: number; evalTimeText: string; expSamples: { labels: string; value: number }[] }

export interface TestGroupSpec {
  name: string;
  intervalMs: number;
  inputSeries: { series: string; values: string }[];
  alertRuleTests: AlertTestCase[];
  promqlExprTests: ExprTestCase[];
  externalLabels: Labels;
  externalUrl: string;
}

export interface UnitTestFile {
  ruleFiles: string[];
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  tests: TestGroupSpec[];
}

const FIELDS: Record<string, string[]> = {
  unitTestFile: ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests'],
  testGroup: ['interval', 'input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'external_url', 'name'],
  series: ['series', 'values'],
  alertTestCase: ['eval_time', 'alertname', 'exp_alerts'],
  alert: ['exp_labels', 'exp_annotations'],
  promqlTestCase: ['expr', 'eval_time', 'exp_samples'],
  sample: ['labels', 'value'],
};

type Fields = Map<string, Node | null>;

export function parseUnitTestFile(text: string): { ok: true; file: UnitTestFile } | { ok: false; error: string } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe' });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { ok: false, error: `yaml: line ${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
  }
  const problems: string[] = [];
  const line = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0).line;
  const fields = (n: Node | null | undefined, type: string): Fields => {
    const out: Fields = new Map();
    if (!isMap(n)) return out;
    for (const item of n.items as Pair<Node, Node | null>[]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!FIELDS[type]!.includes(key)) problems.push(`line ${line(item.key)}: field ${key} not found in type main.${type}`);
      else out.set(key, item.value);
    }
    return out;
  };
  const str = (n: Node | null | undefined): string => (isScalar(n) ? String(n.value ?? '') : '');
  const list = (n: Node | null | undefined): (Node | null)[] => (isSeq(n) ? (n.items as (Node | null)[]) : []);
  const strMap = (n: Node | null | undefined): Record<string, string> => {
    const out: Record<string, string> = {};
    if (isMap(n)) for (const it of n.items as Pair<Node, Node | null>[]) out[str(it.key)] = str(it.value);
    return out;
  };
  const duration = (n: Node | null | undefined): number => {
    const t = str(n);
    if (t === '') return 0;
    const ms = parseModelDuration(t);
    if (ms === null) problems.push(`line ${line(n)}: not a valid duration string: ${JSON.stringify(t)}`);
    return ms ?? 0;
  };
  const float = (n: Node | null | undefined): number => {
    const t = str(n);
    if (t === '') return 0;
    const v = parseYamlFloat(t);
    if (v === null) problems.push(`line ${line(n)}: cannot unmarshal !!str \`${t}\` into float64`);
    return v ?? 0;
  };

  const root = fields(doc.contents as Node | null, 'unitTestFile');
  const evaluationIntervalMs = duration(root.get('evaluation_interval')) || 60_000;
  const tests = list(root.get('tests')).map((t): TestGroupSpec => {
    const g = fields(t, 'testGroup');
    return {
      name: str(g.get('name')),
      // Not in 2.42 (which loads with `load 0s`); later promtool and the docs: evaluation_interval.
      intervalMs: duration(g.get('interval')) || evaluationIntervalMs,
      inputSeries: list(g.get('input_series')).map((s) => {
        const f = fields(s, 'series');
        return { series: str(f.get('series')), values: str(f.get('values')) };
      }),
      alertRuleTests: list(g.get('alert_rule_test')).map((a) => {
        const f = fields(a, 'alertTestCase');
        return {
          evalTimeMs: duration(f.get('eval_time')),
          evalTimeText: str(f.get('eval_time')),
          alertname: str(f.get('alertname')),
          expAlerts: list(f.get('exp_alerts')).map((e) => {
            const ef = fields(e, 'alert');
            return { expLabels: strMap(ef.get('exp_labels')), expAnnotations: strMap(ef.get('exp_annotations')) };
          }),
        };
      }),
      promqlExprTests: list(g.get('promql_expr_test')).map((p) => {
        const f = fields(p, 'promqlTestCase');
        return {
          expr: str(f.get('expr')),
          evalTimeMs: duration(f.get('eval_time')),
          evalTimeText: str(f.get('eval_time')),
          expSamples: list(f.get('exp_samples')).map((s) => {
            const sf = fields(s, 'sample');
            return { labels: str(sf.get('labels')), value: float(sf.get('value')) };
          }),
        };
      }),
      externalLabels: strMap(g.get('external_labels')),
      externalUrl: str(g.get('external_url')),
    };
  });
  if (problems.length > 0) return { ok: false, error: `yaml: unmarshal errors:\n  ${problems.join('\n  ')}` };
  return {
    ok: true,
    file: { ruleFiles: list(root.get('rule_files')).map(str), evaluationIntervalMs, groupEvalOrder: list(root.get('group_eval_order')).map(str), tests },
  };
}

/** yaml.v2 float64 decoding: decimal, `.inf`, `.nan` forms. */
function parseYamlFloat(t: string): number | null {
  if (/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$/.test(t) && /[0-9]/.test(t)) return Number(t.replace(/_/g, ''));
  if (/^[-+]?\.(inf|Inf|INF)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(t)) return NaN;
  if (/^0x[0-9a-fA-F]+$/.test(t)) return Number(t);
  return null;
}

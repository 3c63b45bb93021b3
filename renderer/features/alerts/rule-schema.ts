/**
 * The rule file format as data: Prometheus rule groups (`rulefmt`) and Loki ruler groups, each
 * key with its doc (from the Prometheus "recording rules" / "alerting rules" and Loki ruler
 * references). Completion and hover read only this table.
 */
import type { SchemaNode } from '../../editor/pipeline-schema';
import { schemaCompletions, type YamlCompletion } from '../../editor/pipeline-completions';
import type { YamlSituation } from '../../editor/yaml-situation';
import { yamlSituation } from '../../editor/yaml-situation';

const leaf = (doc: string, values?: string[]): SchemaNode => (values ? { doc, values } : { doc });
const labelMap = (doc: string, value: string): SchemaNode => ({ doc, anyKey: leaf(value) });

export const RULE_SCHEMA: SchemaNode = {
  doc: 'A rule: `alert` (an alerting rule) or `record` (a recording rule), with its expression.',
  keys: {
    alert: leaf('Name of the alert (alerting rule). Must be a valid label value.'),
    record: leaf('Name of the time series to write (recording rule). Must be a valid metric name.'),
    expr: leaf('The PromQL expression (Prometheus) or LogQL metric query (Loki ruler) evaluated at every interval. Every series it returns is an active alert / a recorded sample.'),
    for: leaf('Alerting: how long an alert stays pending before it fires. Default 0s: fires at the first evaluation that returns it.', ['1m', '5m', '10m', '15m', '1h']),
    keep_firing_for: leaf('Alerting: how long an alert keeps firing after its condition cleared. Default 0s.', ['5m', '10m', '15m']),
    labels: labelMap('Labels added to (alerting) or overriding on (recording) the result. Alerting label values are templated.', 'A label value (templates: {{ $labels.x }}, {{ $value }}).'),
    annotations: labelMap('Alerting: informational labels (summary, description, runbook_url…), templated.', 'An annotation text (templates: {{ $labels.x }}, {{ $value | humanize }}).'),
  },
};

export const GROUP_SCHEMA: SchemaNode = {
  doc: 'A rule group: its rules run one after another, every `interval`.',
  keys: {
    name: leaf('The group name, unique in the file.'),
    interval: leaf('How often the rules are evaluated. Default: the global evaluation_interval (1m).', ['15s', '30s', '1m', '5m']),
    query_offset: leaf('Evaluate this far in the past (Prometheus ≥ 2.53). Default 0s.'),
    limit: leaf('Fail the group when an alerting rule produces more alerts / a recording rule more series than this. 0: no limit.'),
    labels: labelMap('Labels added to every rule of the group (Prometheus ≥ 3.0).', 'A label value.'),
    rules: { doc: 'The alerting and recording rules of the group.', items: RULE_SCHEMA },
  },
};

export const RULE_FILE_SCHEMA: SchemaNode = {
  doc: 'A Prometheus rule file or Loki ruler file.',
  keys: { groups: { doc: 'Rule groups.', items: GROUP_SCHEMA } },
};

/** The schema node at a YAML path ('-' = a list item); null outside the format. */
export function ruleNodeAt(path: readonly string[]): SchemaNode | null {
  let node: SchemaNode | undefined = RULE_FILE_SCHEMA;
  for (const seg of path) {
    if (!node) return null;
    node = seg === '-' ? node.items : (node.keys?.[seg] ?? node.anyKey);
  }
  return node ?? null;
}

export type RuleCompletion = YamlCompletion;

/** What to offer: the keys of the map at the cursor, or a key's values (the shared YAML-schema completion). */
export function ruleCompletions(s: YamlSituation): RuleCompletion[] {
  return schemaCompletions(s, { valueNode: ruleNodeAt, mapNode: ruleNodeAt });
}

export function ruleCompletionsAt(text: string, offset: number): RuleCompletion[] {
  return ruleCompletions(yamlSituation(text, offset));
}

/** The doc of the rule-file key under `offset`, if the schema knows it. */
export function ruleHoverAt(text: string, offset: number): { from: number; to: number; title: string; doc: string } | null {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\w.\-/]/.test(c);
  let from = offset;
  let to = offset;
  while (isWord(text[from - 1])) from--;
  while (isWord(text[to])) to++;
  if (from === to || !/^\s*:/.test(text.slice(to, to + 20))) return null;
  const title = text.slice(from, to);
  const s = yamlSituation(text, from);
  if (s.kind !== 'key') return null;
  const map = ruleNodeAt(s.path);
  const node = map?.keys?.[title] ?? map?.anyKey;
  return node ? { from, to, title, doc: node.doc } : null;
}

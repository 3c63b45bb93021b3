// Rule files as Prometheus' model/rulefmt reads them: strict decoding (unknown fields are
// errors, collected as yaml.v3 words them), then Validate with the node positions of `record`,
// `alert` and `expr`, worded exactly as rulefmt.Error prints them. Expression syntax is checked
// by an injected parser (PromQL for Prometheus groups, LogQL for Loki ruler groups).

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { checkTemplateParses } from './templates';
import type { RuleGroupSpec, RuleSpec } from './types';

export interface RuleFileError {
  /** Go's error text, without the file name (ParseFile prefixes "FILE: "). */
  message: string;
  line?: number;
  column?: number;
}

export interface RuleFileOptions {
  /** The expression parser's error for expr, or null when it parses. */
  parseExpr?: (expr: string) => string | null;
}

export type RuleFileParse = { ok: true; groups: RuleGroupSpec[] } | { ok: false; errors: RuleFileError[] };

const GROUP_FIELDS = ['name', 'interval', 'limit', 'rules'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** model.ParseDuration: ms, or null when the text is not a duration. */
export function parseModelDuration(text: string): number | null {
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!text || !m) return null;
  return UNIT_MS.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

interface Pos { line: number; column: number }
interface RawRule { fields: Map<string, { value: unknown; pos: Pos }>; pos: Pos }

export function parseRuleFile(text: string, options: RuleFileOptions = {}): RuleFileParse {
  const lc = new LineCounter();
  // Failsafe: every scalar is its source text, as Go decodes a scalar into a string field.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, schema: 'failsafe' });
  const pos = (n: Node | null | undefined): Pos => {
    const p = lc.linePos(n?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ message: `yaml: line ${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}) })) };
  }
  const unknown: string[] = [];
  const typeErrors: RuleFileError[] = [];
  const fieldsOf = (m: YAMLMap, known: string[], type: string) => {
    const out = new Map<string, { value: unknown; pos: Pos; node: Node | null }>();
    for (const item of m.items as Pair<Node, Node>[]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!known.includes(key)) unknown.push(`  line ${pos(item.key).line}: field ${key} not found in type rulefmt.${type}`);
      else out.set(key, { value: item.value, pos: pos(item.value ?? item.key), node: item.value });
    }
    return out;
  };
  const root = doc.contents;
  const groupsNode = isMap(root) ? fieldsOf(root, ['groups'], 'RuleGroups').get('groups')?.node : undefined;
  const groupNodes = isSeq(groupsNode) ? (groupsNode.items as Node[]) : [];
  const raw = groupNodes.map((g) => {
    const fields = isMap(g) ? fieldsOf(g, GROUP_FIELDS, 'RuleGroup') : new Map();
    const rulesNode = fields.get('rules')?.node;
    const rules: RawRule[] = (isSeq(rulesNode) ? (rulesNode.items as Node[]) : []).map((r) => ({ fields: isMap(r) ? fieldsOf(r, RULE_FIELDS, 'RuleNode') : new Map(), pos: pos(r) }));
    return { fields, rules, pos: pos(g) };
  });
  if (unknown.length > 0) return { ok: false, errors: [{ message: `yaml: unmarshal errors:\n${unknown.join('\n')}` }] };

  const str = (f: { value: unknown } | undefined): string => (f && isScalar(f.value) ? String(f.value.value ?? '') : '');
  const duration = (f: { value: unknown; pos: Pos } | undefined): number => {
    const text = str(f);
    if (!text) return 0;
    const ms = parseModelDuration(text);
    if (ms === null) typeErrors.push({ message: `not a valid duration string: ${JSON.stringify(text)}`, ...f!.pos });
    return ms ?? 0;
  };
  const strMap = (f: { value: unknown } | undefined): Record<string, string> => {
    const out: Record<string, string> = {};
    if (f && isMap(f.value)) for (const it of f.value.items as Pair<Node, Node>[]) out[isScalar(it.key) ? String(it.key.value) : String(it.key)] = str({ value: it.value });
    return out;
  };

  const errors: RuleFileError[] = [];
  const groups: RuleGroupSpec[] = [];
  const seen = new Set<string>();
  raw.forEach((g) => {
    const name = str(g.fields.get('name'));
    if (name === '') errors.push({ message: `${g.pos.line}:${g.pos.column}: Groupname must not be empty`, ...g.pos });
    if (seen.has(name)) errors.push({ message: `${g.pos.line}:${g.pos.column}: groupname: "${name}" is repeated in the same file`, ...g.pos });
    seen.add(name);
    const limitText = str(g.fields.get('limit'));
    const intervalMs = duration(g.fields.get('interval'));
    const rules: RuleSpec[] = [];
    g.rules.forEach((r, i) => {
      const get = (k: string) => r.fields.get(k);
      const record = str(get('record'));
      const alert = str(get('alert'));
      const expr = str(get('expr'));
      const zero: Pos = { line: 0, column: 0 };
      const at = (k: string): Pos => get(k)?.pos ?? zero;
      const spec = { forMs: duration(get('for')), keepFiringForMs: duration(get('keep_firing_for')), labels: strMap(get('labels')), annotations: strMap(get('annotations')) };
      const problems = validateRule({ record, alert, expr, ...spec }, at, options);
      for (const p of problems) {
        const where = p.node ? `${p.node.line}:${p.node.column}: ` : '';
        const alt = p.alt ? `${p.alt.line}:${p.alt.column}: ` : '';
        errors.push({ message: `${where}${alt}group ${goQuoted(name)}, rule ${i + 1}, ${goQuoted(alert || record)}: ${p.message}`, ...(p.node ?? {}) });
      }
      rules.push(alert ? { kind: 'alerting', alert, expr, forMs: spec.forMs, keepFiringForMs: spec.keepFiringForMs, labels: spec.labels, annotations: spec.annotations } : { kind: 'recording', record, expr, labels: spec.labels });
    });
    groups.push({ name, ...(intervalMs ? { intervalMs } : {}), limit: limitText ? Number.parseInt(limitText, 10) || 0 : 0, rules });
  });
  const all = [...typeErrors, ...errors];
  return all.length > 0 ? { ok: false, errors: all } : { ok: true, groups };
}

interface Problem { message: string; node?: Pos; alt?: Pos }
type RuleFields = { record: string; alert: string; expr: string; forMs: number; keepFiringForMs: number; labels: Record<string, string>; annotations: Record<string, string> };

/** RuleNode.Validate, in its order (labels and annotations in sorted order: Go's map order is random). */
function validateRule(r: RuleFields, at: (field: string) => Pos, options: RuleFileOptions): Problem[] {
  const out: Problem[] = [];
  if (r.record && r.alert) out.push({ message: "only one of 'record' and 'alert' must be set", node: at('record'), alt: at('alert') });
  if (!r.record && !r.alert) out.push({ message: "one of 'record' or 'alert' must be set", node: at('record') });
  if (!r.expr) out.push({ message: "field 'expr' must be set in rule", node: at('expr') });
  else {
    const err = options.parseExpr?.(r.expr);
    if (err) out.push({ message: `could not parse expression: ${err}`, node: at('expr') });
  }
  if (r.record) {
    if (Object.keys(r.annotations).length > 0) out.push({ message: "invalid field 'annotations' in recording rule", node: at('record') });
    if (r.forMs !== 0) out.push({ message: "invalid field 'for' in recording rule", node: at('record') });
    if (r.keepFiringForMs !== 0) out.push({ message: "invalid field 'keep_firing_for' in recording rule", node: at('record') });
    if (!METRIC_NAME.test(r.record)) out.push({ message: `invalid recording rule name: ${r.record}`, node: at('record') });
  }
  for (const k of Object.keys(r.labels).sort()) {
    if (!LABEL_NAME.test(k) || k === '__name__') out.push({ message: `invalid label name: ${k}` });
  }
  for (const k of Object.keys(r.annotations).sort()) {
    if (!LABEL_NAME.test(k)) out.push({ message: `invalid annotation name: ${k}` });
  }
  if (r.alert) {
    for (const k of Object.keys(r.labels).sort()) {
      const e = checkTemplateParses(r.alert, r.labels[k]!);
      if (e) out.push({ message: `label ${goQuoted(k)}: ${e}` });
    }
    for (const k of Object.keys(r.annotations).sort()) {
      const e = checkTemplateParses(r.alert, r.annotations[k]!);
      if (e) out.push({ message: `annotation ${goQuoted(k)}: ${e}` });
    }
  }
  return out;
}

function goQuoted(s: string): string {
  return JSON.stringify(s);
}

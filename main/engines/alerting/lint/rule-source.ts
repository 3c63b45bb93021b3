// A rule file read for editing rather than loading: each group and rule with where its parts
// sit in the file, so lints and expression errors point at the exact characters — including
// inside block scalars (`expr: |`), folded or quoted scalars — and fixes are text edits there.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseModelDuration } from '../rulefmt';

/** 1-based line and column, as editors and `file:line:col` show them. */
export interface Pos {
  line: number;
  column: number;
}

export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit extends TextRange {
  text: string;
}

/** A scalar's value and where each of its characters came from in the file. */
export interface SourceScalar {
  value: string;
  /** The whole node in the file (quotes and block header included). */
  range: TextRange;
  /** File offsets [start, end) of the node. */
  nodeStart: number;
  nodeEnd: number;
  /** File position of a value offset (0 … value.length). */
  at(offset: number): Pos;
  /** File range of value offsets [from, to). */
  span(from: number, to: number): TextRange;
}

export interface SourceRule {
  kind: 'alerting' | 'recording';
  name: string;
  /** Where the rule item starts (its `- ` entry), and the line its last value ends on. */
  pos: Pos;
  endLine: number;
  nameNode: SourceScalar | null;
  expr: SourceScalar | null;
  forMs: number | null;
  forNode: SourceScalar | null;
  labels: MapEntry[];
  annotations: MapEntry[];
  /** Where each field's key sits (offset in the file too), e.g. to insert a line before it. */
  keys: Map<string, { pos: Pos; offset: number }>;
  /** Whether labels / annotations are written as flow maps (`{a: b}`), which line edits cannot touch. */
  flow: { labels: boolean; annotations: boolean };
}

export interface MapEntry {
  key: string;
  keyPos: Pos;
  /** File offset of the key. */
  keyOffset: number;
  value: SourceScalar;
}

export interface SourceGroup {
  name: string;
  pos: Pos;
  intervalMs: number | null;
  rules: SourceRule[];
}

export interface RuleSource {
  text: string;
  groups: SourceGroup[];
  /** File position of an offset. */
  pos(offset: number): Pos;
}

/**
 * Aligns the scalar's value with its source text character by character: quotes, escapes,
 * indentation and folded line breaks are skipped over, so each value character maps to the
 * source character it was read from (or, for an escape, the nearest one before it).
 */
function alignOffsets(src: string, srcStart: number, value: string): Int32Array {
  const map = new Int32Array(value.length + 1);
  let j = 0;
  // A block scalar's header (`|`, `>-`, `|2`) is not content: start on the next line.
  if (/^[|>]/.test(src)) j = src.indexOf('\n') + 1 || src.length;
  else if (src[0] === '"' || src[0] === "'") j = 1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let k = j;
    const limit = Math.min(src.length, j + 64);
    while (k < limit && src[k] !== c) k++;
    // Folded breaks read as spaces and escapes read as other characters: do not run off.
    if (k >= limit) k = j;
    map[i] = srcStart + k;
    j = k < src.length ? k + 1 : k;
  }
  map[value.length] = srcStart + (value.length > 0 ? Math.min(j, src.length) : j);
  return map;
}

export function readRuleSource(text: string): RuleSource {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe', uniqueKeys: false });
  const pos = (offset: number): Pos => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const range = (from: number, to: number): TextRange => {
    const a = pos(from);
    const b = pos(to);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const scalar = (n: Node | null | undefined): SourceScalar | null => {
    if (!isScalar(n) || !n.range) return null;
    const value = String(n.value ?? '');
    const [start, valueEnd] = n.range;
    const map = alignOffsets(text.slice(start, valueEnd), start, value);
    const at = (o: number) => pos(map[Math.max(0, Math.min(value.length, o))]!);
    return {
      value, nodeStart: start, nodeEnd: valueEnd, range: range(start, valueEnd), at,
      span: (from, to) => {
        const a = at(from);
        // The end of a span is just after its last character.
        const b = to > from ? pos(map[to - 1]! + 1) : a;
        return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
      },
    };
  };
  const fields = (m: Node | null | undefined): Map<string, { key: Node; value: Node | null }> => {
    const out = new Map<string, { key: Node; value: Node | null }>();
    if (!isMap(m)) return out;
    for (const it of (m as YAMLMap).items as Pair<Node, Node>[]) {
      const key = isScalar(it.key) ? String(it.key.value) : String(it.key);
      if (!out.has(key)) out.set(key, { key: it.key, value: it.value });
    }
    return out;
  };
  const nodePos = (n: Node | null | undefined): Pos => pos(n?.range?.[0] ?? 0);
  const pairs = (n: Node | null | undefined) => {
    const out: MapEntry[] = [];
    if (!isMap(n)) return out;
    for (const it of (n as YAMLMap).items as Pair<Node, Node>[]) {
      const v = scalar(it.value);
      if (v) out.push({ key: isScalar(it.key) ? String(it.key.value) : String(it.key), keyPos: nodePos(it.key), keyOffset: it.key?.range?.[0] ?? 0, value: v });
    }
    return out;
  };
  const isFlow = (n: Node | null | undefined) => isMap(n) && Boolean((n as YAMLMap).flow);
  const groups: SourceGroup[] = [];
  const groupsNode = fields(doc.contents).get('groups')?.value;
  for (const g of isSeq(groupsNode) ? (groupsNode.items as Node[]) : []) {
    const gf = fields(g);
    const interval = scalar(gf.get('interval')?.value);
    const rulesNode = gf.get('rules')?.value;
    const rules: SourceRule[] = [];
    for (const r of isSeq(rulesNode) ? (rulesNode.items as Node[]) : []) {
      const rf = fields(r);
      const alert = scalar(rf.get('alert')?.value);
      const record = scalar(rf.get('record')?.value);
      const forNode = scalar(rf.get('for')?.value);
      rules.push({
        kind: alert ? 'alerting' : 'recording',
        name: (alert ?? record)?.value ?? '',
        pos: nodePos(r),
        endLine: pos(r.range?.[1] ?? 0).line,
        nameNode: alert ?? record,
        expr: scalar(rf.get('expr')?.value),
        forMs: forNode ? parseModelDuration(forNode.value) : null,
        forNode,
        labels: pairs(rf.get('labels')?.value),
        annotations: pairs(rf.get('annotations')?.value),
        keys: new Map([...rf].map(([k, f]) => [k, { pos: nodePos(f.key), offset: f.key.range?.[0] ?? 0 }])),
        flow: { labels: isFlow(rf.get('labels')?.value), annotations: isFlow(rf.get('annotations')?.value) },
      });
    }
    groups.push({ name: scalar(gf.get('name')?.value)?.value ?? '', pos: nodePos(g), intervalMs: interval ? parseModelDuration(interval.value) : null, rules });
  }
  return { text, groups, pos };
}

/** Applies edits (non-overlapping) to the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let o = 0;
  for (const l of lines) {
    starts.push(o);
    o += l.length + 1;
  }
  const off = (line: number, col: number) => (starts[line - 1] ?? text.length) + col - 1;
  const sorted = [...edits].sort((a, b) => off(b.line, b.column) - off(a.line, a.column));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.line, e.column)) + e.text + out.slice(off(e.endLine, e.endColumn));
  return out;
}

/**
 * Whether edits inside lines [fromLine, toLine] leave those lines valid YAML on their own (a
 * rule's lines parse alone: an indented sequence item). Checks a fix without reparsing the file.
 */
export function snippetParses(text: string, fromLine: number, toLine: number, edits: readonly TextEdit[]): string | null {
  if (edits.some((e) => e.line < fromLine || e.endLine > toLine + 1)) return null;
  const lines = text.split('\n');
  const snippet = lines.slice(fromLine - 1, toLine).join('\n') + '\n';
  const shifted = edits.map((e) => ({ ...e, line: e.line - fromLine + 1, endLine: e.endLine - fromLine + 1 }));
  const edited = applyEdits(snippet, shifted);
  const doc = parseDocument(edited, { schema: 'failsafe', uniqueKeys: false });
  return doc.errors.length === 0 ? edited : null;
}

/** The first scalar under a key, anywhere in a small document (a rule's lines). */
export function findKeyValue(yamlText: string, key: string): string | undefined {
  const doc = parseDocument(yamlText, { schema: 'failsafe', uniqueKeys: false });
  let found: string | undefined;
  const visit = (n: unknown): void => {
    if (found !== undefined) return;
    if (isSeq(n)) for (const it of n.items) visit(it);
    else if (isMap(n)) {
      for (const it of (n as YAMLMap).items as Pair<Node, Node>[]) {
        if (isScalar(it.key) && String(it.key.value) === key && isScalar(it.value)) {
          found = String(it.value.value ?? '');
          return;
        }
        visit(it.value);
      }
    }
  };
  visit(doc.contents);
  return found;
}

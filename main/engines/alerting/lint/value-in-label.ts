// An alert's identity is its label set. A label templated from $value changes whenever the
// value does: each evaluation makes a new alert (pending again, so `for` is never reached) and
// resolves the previous one. Prometheus' docs: put the value in an annotation.

import { parseTemplate } from '../../logql/template/parser';
import { TEMPLATE_DEFS } from '../templates';
import type { MapEntry } from './rule-source';
import type { Finding, Fix, Lint, LintInput } from './types';

/**
 * Whether the template reads the value: `$value`, `.Value` or `$.Value`, found in its parse tree
 * (parsed after Prometheus' own definitions, which are not counted), not in its text.
 */
export function usesValue(text: string): boolean {
  const parsed = parseTemplate('__lint', TEMPLATE_DEFS + text, () => true);
  if (!parsed.ok) return false;
  let found = false;
  const visit = (n: unknown): void => {
    if (found || typeof n !== 'object' || n === null) return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (n instanceof Map) return [...n.values()].forEach(visit);
    const o = n as { type?: unknown; pos?: unknown; ident?: unknown };
    if (typeof o.pos === 'number' && o.pos >= TEMPLATE_DEFS.length && Array.isArray(o.ident)) {
      const [first, second] = o.ident as string[];
      if (o.type === 'variable' && (first === '$value' || (first === '$' && second === 'Value'))) found = true;
      if (o.type === 'field' && first === 'Value') found = true;
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(parsed.trees);
  return found;
}

function check(input: LintInput): Finding[] {
  const { rule } = input;
  if (rule.kind !== 'alerting') return [];
  return rule.labels.filter((l) => usesValue(l.value.value)).map((l) => ({
    code: 'value-in-label',
    severity: 'warning' as const,
    message: `label ${l.key} uses the alert's value: the label set changes whenever the value does, so every evaluation makes a new alert (pending again, never reaching "for") and resolves the last one. Move it to an annotation`,
    ...l.value.range,
    fix: moveToAnnotations(input, l),
  }));
}

/** The label's line removed, the same line added to the annotations (block maps only). */
function moveToAnnotations(input: LintInput, l: MapEntry): Fix | null {
  const { text, rule } = input;
  if (rule.flow.labels || rule.flow.annotations || rule.annotations.some((a) => a.key === l.key)) return null;
  const lineStart = text.lastIndexOf('\n', l.keyOffset - 1) + 1;
  if (text.slice(lineStart, l.keyOffset).trim() !== '') return null;
  const endLine = l.value.range.endLine;
  const nextLineStart = text.indexOf('\n', l.value.nodeEnd);
  const entry = text.slice(l.keyOffset, nextLineStart < 0 ? text.length : nextLineStart);
  if (entry.includes('\n')) return null;
  const remove = { line: l.keyPos.line, column: 1, endLine: endLine + 1, endColumn: 1, text: '' };
  const first = rule.annotations[0];
  if (first) {
    return { title: 'Move to annotations', edits: [remove, { line: first.keyPos.line, column: first.keyPos.column, endLine: first.keyPos.line, endColumn: first.keyPos.column, text: `${entry}\n${' '.repeat(first.keyPos.column - 1)}` }] };
  }
  const labelsKey = rule.keys.get('labels');
  if (!labelsKey) return null;
  const indent = ' '.repeat(labelsKey.pos.column - 1);
  const inner = ' '.repeat(l.keyPos.column - 1);
  // No annotations yet: a new block above `labels:`.
  return { title: 'Move to annotations', edits: [remove, { line: labelsKey.pos.line, column: labelsKey.pos.column, endLine: labelsKey.pos.line, endColumn: labelsKey.pos.column, text: `annotations:\n${inner}${entry}\n${indent}` }] };
}

export const valueInLabel: Lint = { code: 'value-in-label', summary: 'a label templated from $value', check };

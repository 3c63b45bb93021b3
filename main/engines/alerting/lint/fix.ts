// Fixes as text edits on the file. Expression fixes are written at parse-tree positions in the
// expression and mapped into the file through the scalar's character map; when the edited
// scalar would not read back as the intended expression (a flow map, an escape), the whole
// scalar is replaced by a double-quoted one, which YAML reads back exactly.

import { findKeyValue, snippetParses, type SourceScalar, type TextEdit } from './rule-source';
import type { Fix } from './types';

export interface ExprEdit {
  /** Offsets in the expression text, end exclusive. */
  from: number;
  to: number;
  text: string;
}

export function editExpr(expr: string, edits: readonly ExprEdit[]): string {
  let out = expr;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** A fix that rewrites the expression of a rule, in place when the edited scalar reads back as intended. */
export function exprFix(fileText: string, node: SourceScalar, rule: { pos: { line: number }; endLine: number }, title: string, edits: readonly ExprEdit[]): Fix {
  const want = editExpr(node.value, edits);
  const inPlace: TextEdit[] = edits.map((e) => {
    const r = e.to > e.from ? node.span(e.from, e.to) : { ...node.span(e.from, e.from), endLine: node.at(e.from).line, endColumn: node.at(e.from).column };
    return { ...r, text: e.text };
  });
  // Read back from the rule's own lines: cheap, and enough to see how YAML reads the scalar.
  const snippet = snippetParses(fileText, rule.pos.line, rule.endLine, inPlace);
  if (snippet !== null && findKeyValue(snippet, 'expr') === want) return { title, edits: inPlace };
  return { title, edits: [{ ...node.range, text: JSON.stringify(want) }] };
}

/** model.Duration.String() for the durations a fix suggests (whole seconds and up). */
export function durationText(ms: number): string {
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = ms;
  let out = '';
  for (const [u, n] of units) {
    const v = Math.floor(rest / n);
    if (v > 0) {
      out += `${v}${u}`;
      rest -= v * n;
    }
  }
  return out || '0s';
}

import type { RuleFileCheck, RuleFix, RuleLint, TextRange } from '../../../shared/contract/alerts';

/** A marker as Monaco wants it (1-based, end exclusive), before it meets Monaco's types. */
export interface RuleMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The lint's code (absent for errors). */
  code?: string;
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** A 1-based line:column as an offset, clamped into the text (a stale position never throws). */
function offsetOf(starts: readonly number[], text: string, line: number, column: number): number {
  const l = Math.min(Math.max(1, line), starts.length) - 1;
  const lineEnd = l + 1 < starts.length ? starts[l + 1]! - 1 : text.length;
  return Math.min(starts[l]! + Math.max(0, column - 1), lineEnd);
}

function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * A server range on `text`, clamped into it; an empty range grows to the rest of its line (or
 * one character) so a caret-sized error is still underlined.
 */
export function visibleRange(text: string, r: TextRange): Omit<RuleMarker, 'message' | 'severity'> {
  const starts = lineStarts(text);
  const from = offsetOf(starts, text, r.line, r.column);
  let to = Math.max(from, offsetOf(starts, text, r.endLine, r.endColumn));
  if (to === from) {
    const eol = text.indexOf('\n', from);
    to = eol < 0 ? text.length : eol;
    if (to === from) to = Math.min(from + 1, text.length);
  }
  const a = positionOf(starts, from);
  const b = positionOf(starts, to);
  return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: Math.max(b.column, b.line === a.line ? a.column + 1 : b.column) };
}

/** Errors and lints of a check as markers on the text they are about. */
export function checkMarkers(text: string, check: RuleFileCheck): RuleMarker[] {
  return [
    ...check.errors.map((e): RuleMarker => ({ ...visibleRange(text, e), message: e.message, severity: 'error' })),
    ...check.lints.map((l): RuleMarker => ({ ...visibleRange(text, l), message: `${l.message} [${l.code}]`, severity: l.severity, code: l.code })),
  ];
}

/**
 * The text after a fix: its edits are positions in `text`, applied together (last first, so
 * earlier positions stay valid). Overlapping edits are a broken fix: null, nothing applied.
 */
export function applyFix(text: string, fix: RuleFix): string | null {
  const starts = lineStarts(text);
  const edits = fix.edits
    .map((e) => ({ from: offsetOf(starts, text, e.line, e.column), to: offsetOf(starts, text, e.endLine, e.endColumn), text: e.text }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 0; i < edits.length; i++) {
    if (edits[i]!.to < edits[i]!.from) return null;
    if (i > 0 && edits[i]!.from < edits[i - 1]!.to) return null;
  }
  let out = text;
  for (let i = edits.length - 1; i >= 0; i--) out = out.slice(0, edits[i]!.from) + edits[i]!.text + out.slice(edits[i]!.to);
  return out;
}

/** The lints with a fix whose range touches the lines [fromLine, toLine] (Monaco asks per selection). */
export function fixableLintsAt(lints: readonly RuleLint[], fromLine: number, toLine: number): (RuleLint & { fix: RuleFix })[] {
  return lints.filter((l): l is RuleLint & { fix: RuleFix } => l.fix !== null && l.line <= toLine && l.endLine >= fromLine);
}

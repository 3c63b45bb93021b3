/**
 * What a byte scanner may skip before the pipeline runs, derived from the query's line
 * filters. The plan never decides on its own that a line is kept: candidate lines still go
 * through the whole pipeline, so a plan only has to be a necessary condition (no false
 * negatives). The one exception is `drop-literal`, which drops lines without decoding them;
 * it is used only for `!= "a" or "b"`, where "the bytes contain utf8(a)" is exactly "the
 * decoded line contains a" (UTF-8 is self-synchronising and invalid sequences decode to
 * U+FFFD, which the needles may not contain).
 *
 * Only filters that see the original line count: those before the first stage that rewrites
 * it (line_format, decolorize, unpack). Parsers and label filters leave the line alone, and
 * Loki's reordering only moves line filters earlier, so every such filter is a condition on
 * the raw line wherever it sits.
 */
import type { LabelFilterExpr, LineFilterStage, PipelineStage } from '../../../../shared/logql/ast';
import { requiredLiterals } from './required-literal';

export type ScanPlan =
  /** Every line goes through the pipeline. */
  | { kind: 'all' }
  /** Only lines containing one of the needles can pass. */
  | { kind: 'literals'; needles: string[] }
  /** Only lines where this pattern (searched chunk-wide under (?m)) starts a match can pass. */
  | { kind: 'regex'; pattern: string; folds: boolean }
  /** Lines containing one of the needles fail (exactly); the others go through the pipeline. */
  | { kind: 'drop-literals'; needles: string[] };

/** Needles shorter than this make a memchr-based search slower than a regex DFA. */
const MIN_NEEDLE = 3;

/** A needle can stand for the decoded line when it is well-formed and has no U+FFFD. */
function byteSafe(s: string): boolean {
  if (s === '' || s.includes('\ufffd')) return false;
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

function strings(f: LineFilterStage): string[] | null {
  if (f.values.some((v) => v.kind !== 'string')) return null;
  return f.values.map((v) => (v.kind === 'string' ? v.value : ''));
}

type Candidate = { plan: ScanPlan; score: number };

function candidateOf(f: LineFilterStage): Candidate | null {
  const vals = strings(f);
  if (!vals) return null;
  if (f.op === '|=') {
    // Loki's newOrFilter drops a no-op side: `|= "" or "x"` is `|= "x"`; `|= ""` alone is a no-op.
    const real = vals.filter((v) => v !== '');
    if (real.length === 0 || !real.every(byteSafe)) return null;
    return { plan: { kind: 'literals', needles: real }, score: 10 + Math.min(...real.map((v) => v.length)) };
  }
  if (f.op === '!=') {
    // A line's text never holds \n, nor the \r of its CRLF: such needles cannot drop by bytes.
    if (!vals.every((v) => byteSafe(v) && !/[\r\n]/.test(v))) return null;
    return { plan: { kind: 'drop-literals', needles: vals }, score: 1 };
  }
  if (f.op === '|~') {
    const lits = vals.map((v) => requiredLiterals(v, MIN_NEEDLE));
    if (lits.every((l) => l.literals && l.literals.every(byteSafe))) {
      const needles = [...new Set(lits.flatMap((l) => l.literals!))];
      if (needles.length <= 8) return { plan: { kind: 'literals', needles }, score: 10 + Math.min(...needles.map((n) => n.length)) };
    }
    if (lits.every((l) => l.chunkSafe)) {
      const pattern = vals.length === 1 ? vals[0]! : vals.map((v) => `(?:${v})`).join('|');
      return { plan: { kind: 'regex', pattern, folds: /\(\?[A-Za-z]*i/.test(pattern) }, score: 5 };
    }
  }
  return null;
}

/**
 * `| json | level="error"` (or logfmt, without parameters): a parsed value is a verbatim
 * substring of the line unless the parser unescaped it (a backslash in the line) or it comes
 * from the stream's own labels. So a line can pass only if it holds the value or a backslash.
 * Values with a space are left out: the parsers turn U+FFFD (from invalid bytes) into spaces.
 */
function labelEquals(f: LabelFilterExpr, out: { name: string; value: string }[]): void {
  if (f.kind === 'and') {
    labelEquals(f.left, out);
    labelEquals(f.right, out);
  } else if (f.kind === 'string' && f.matcher.op === '=') out.push({ name: f.matcher.name, value: f.matcher.value });
}

/** The best plan the query's line filters allow (see the header). */
export function scanPlan(stages: readonly PipelineStage[], streamLabels: Readonly<Record<string, string>> = {}): ScanPlan {
  let best: Candidate | null = null;
  let parsed = false;
  let verbatim = true; // every stage so far leaves parsed values as substrings of the line
  for (const s of stages) {
    if (s.kind === 'lineFormat' || s.kind === 'decolorize' || s.kind === 'unpack') break;
    if ((s.kind === 'json' || s.kind === 'logfmt') && s.params.length === 0) parsed = true;
    else if (s.kind === 'labelFilter' && parsed && verbatim) {
      const eqs: { name: string; value: string }[] = [];
      labelEquals(s.filter, eqs);
      for (const e of eqs) {
        if (e.name in streamLabels || e.name.startsWith('__') || !byteSafe(e.value) || /\s/.test(e.value) || e.value.length < MIN_NEEDLE) continue;
        const c: Candidate = { plan: { kind: 'literals', needles: [e.value, '\\'] }, score: 2 + e.value.length };
        if (!best || c.score > best.score) best = c;
      }
    } else if (s.kind !== 'lineFilter' && s.kind !== 'labelFilter') verbatim = false;
    if (s.kind !== 'lineFilter') continue;
    const c = candidateOf(s);
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best?.plan ?? { kind: 'all' };
}

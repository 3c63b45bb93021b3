/**
 * Pre-normalisation for what Loki accepts and upstream @grafana/lezer-logql (0.3/0.4)
 * rejects. Applied only when lezer rejects the query as written, decided on Loki's own
 * tokens (so text inside strings is never touched), each rewrite recorded so the builder
 * restores the meaning and spans still point at the user's text:
 *  1. `approx_topk(` — not a VectorOp in lezer: rewritten to `topk` + 7 spaces (same length).
 *  2. `… | unwrap x [1m] offset 5m` — lezer lacks `Selector Pipeline Unwrap Range Offset`:
 *     ` offset 5m` after a `[range]` is blanked (same length) and kept beside the range.
 *  3. `{}` — lezer's Matchers needs one matcher; Loki parses `{}` (then rejects it in
 *     validation): a placeholder matcher is inserted and removed again by the builder;
 *     spans are mapped back with `toOriginal`.
 */
import type { LokiToken } from './loki-lexer.js';
import { parseLokiDuration } from './units.js';

export const EMPTY_SELECTOR_PLACEHOLDER = '__vigie_empty_selector__';
const placeholder = `${EMPTY_SELECTOR_PLACEHOLDER}=""`;

export interface Normalized {
  src: string;
  changed: boolean;
  approxTopk: Set<number>;
  offsets: Map<number, { ns: number; to: number }>;
  /** Maps an offset in `src` back to the user's text. */
  toOriginal: (pos: number) => number;
}

export function normalize(original: string, tokens: LokiToken[]): Normalized {
  const chars = original.split('');
  const approxTopk = new Set<number>();
  const blanks: { rangeEnd: number; ns: number; to: number }[] = [];
  const inserts: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'APPROX_TOPK') {
      approxTopk.add(t.from);
      const replacement = 'topk'.padEnd(t.to - t.from, ' ');
      for (let k = 0; k < replacement.length; k++) chars[t.from + k] = replacement[k]!;
    }
    const off = tokens[i + 1];
    const dur = tokens[i + 2];
    if (t.type === 'RANGE' && off?.type === 'OFFSET' && dur?.type === 'DURATION') {
      const d = parseLokiDuration(original.slice(dur.from, dur.to));
      blanks.push({ rangeEnd: t.to, ns: d.ok ? d.value : NaN, to: dur.to });
      for (let k = off.from; k < dur.to; k++) chars[k] = ' ';
    }
    if (t.type === 'OPEN_BRACE' && tokens[i + 1]?.type === 'CLOSE_BRACE') inserts.push(tokens[i + 1]!.from);
  });
  // Insert placeholders from the end so earlier offsets stay valid.
  for (const at of [...inserts].reverse()) chars.splice(at, 0, placeholder);
  const src = chars.join('');
  const shift = (pos: number) => inserts.filter((p) => p < pos).length * placeholder.length;
  const offsets = new Map<number, { ns: number; to: number }>();
  for (const b of blanks) offsets.set(b.rangeEnd + shift(b.rangeEnd), { ns: b.ns, to: b.to + shift(b.to) });
  const approx = new Set([...approxTopk].map((p) => p + shift(p)));
  const toOriginal = (pos: number) => {
    let out = pos;
    for (const at of inserts) {
      const start = at + (inserts.filter((p) => p < at).length) * placeholder.length;
      if (pos >= start + placeholder.length) out -= placeholder.length;
      else if (pos > start) out -= pos - start;
    }
    return out;
  };
  return { src, changed: src !== original, approxTopk: approx, offsets, toOriginal };
}

import { parsePromDuration } from '../../../shared/logql/units';

export type ParsedStep = { ok: true; seconds: number | undefined } | { ok: false; message: string };

/**
 * The query bar's step: '' or "auto" lets the server choose (Loki's default), a number is
 * seconds (as Loki's `step` parameter), a duration such as 30s, 1m or 1h30m is converted.
 */
export function parseStep(text: string): ParsedStep {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'auto') return { ok: true, seconds: undefined };
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return n > 0 ? { ok: true, seconds: n } : { ok: false, message: 'the step must be more than 0' };
  }
  const d = parsePromDuration(t);
  if (!d.ok || d.value <= 0) return { ok: false, message: `"${t}" is not a step: use auto, seconds (15) or a duration (30s, 1m, 1h)` };
  return { ok: true, seconds: d.value / 1e9 };
}

import type { TimeRange } from '../../shared/contract';

/**
 * A time range as the user wrote it: each end is an expression (`now`, `now-15m`, an ISO or
 * "YYYY-MM-DD HH:mm:ss" date, epoch ms) or '' for an open end. Relative ends are resolved to
 * epoch ms when the range is applied, so query keys stay stable until the user refreshes.
 */
export interface TimeRangeSpec {
  from: string;
  to: string;
}

export interface QuickRange extends TimeRangeSpec {
  key: string;
  label: string;
}

export const QUICK_RANGES: readonly QuickRange[] = [
  { key: '5m', label: 'Last 5 minutes', from: 'now-5m', to: 'now' },
  { key: '15m', label: 'Last 15 minutes', from: 'now-15m', to: 'now' },
  { key: '1h', label: 'Last 1 hour', from: 'now-1h', to: 'now' },
  { key: '6h', label: 'Last 6 hours', from: 'now-6h', to: 'now' },
  { key: '24h', label: 'Last 24 hours', from: 'now-24h', to: 'now' },
  { key: '7d', label: 'Last 7 days', from: 'now-7d', to: 'now' },
  { key: '30d', label: 'Last 30 days', from: 'now-30d', to: 'now' },
  { key: 'all', label: 'All time', from: '', to: '' },
];

/** loghub samples date from 2005–2017: any "last N" default would show a first-time user nothing. */
export const DEFAULT_RANGE: TimeRangeSpec = { from: '', to: '' };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3 };
const RELATIVE = /^now(?:\s*([+-])\s*(\d+)\s*(ms|s|m|h|d|w|y))?$/i;
const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export type ParsedTime = { ok: true; ms: number | undefined } | { ok: false; message: string };

/** Parses one end of a range. `utc` says how to read a date without a zone (the display setting). */
export function parseTimeExpr(text: string, now: number, utc: boolean): ParsedTime {
  const t = text.trim();
  if (t === '') return { ok: true, ms: undefined };
  const rel = RELATIVE.exec(t);
  if (rel) {
    if (!rel[1]) return { ok: true, ms: now };
    const delta = Number(rel[2]) * (UNIT_MS[rel[3]!.toLowerCase()] ?? 0);
    return { ok: true, ms: rel[1] === '-' ? now - delta : now + delta };
  }
  if (/^\d{9,}$/.test(t)) {
    const n = Number(t);
    // 10 digits are epoch seconds (until 2286); more are milliseconds.
    return { ok: true, ms: t.length <= 10 ? n * 1000 : n };
  }
  const m = ABSOLUTE.exec(t);
  if (!m) return { ok: false, message: `"${t}" is not a time: use now-1h, 2017-12-10 06:55:46 or an ISO date` };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const zone = m[8];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return { ok: false, message: `"${t}" is not a valid date` };
  if (zone || utc) {
    let offsetMin = 0;
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      offsetMin = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return { ok: true, ms: Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60e3 };
  }
  return { ok: true, ms: new Date(y, mo - 1, d, h, mi, s, ms).getTime() };
}

export type ResolvedRange = { ok: true; range: TimeRange } | { ok: false; message: string };

/** Both ends to epoch ms; an end before the start is an error the picker shows. */
export function resolveRange(spec: TimeRangeSpec, now: number, utc: boolean): ResolvedRange {
  const from = parseTimeExpr(spec.from, now, utc);
  if (!from.ok) return from;
  const to = parseTimeExpr(spec.to, now, utc);
  if (!to.ok) return to;
  if (from.ms !== undefined && to.ms !== undefined && to.ms < from.ms) return { ok: false, message: 'the end is before the start' };
  const range: TimeRange = {};
  if (from.ms !== undefined) range.start = from.ms;
  if (to.ms !== undefined) range.end = to.ms;
  return { ok: true, range };
}

export function quickRangeOf(spec: TimeRangeSpec): QuickRange | undefined {
  return QUICK_RANGES.find((q) => q.from === spec.from.trim() && q.to === spec.to.trim());
}

/** "Last 1 hour", "All time", or "from → to" as written. */
export function rangeLabel(spec: TimeRangeSpec): string {
  const q = quickRangeOf(spec);
  if (q) return q.label;
  return `${spec.from.trim() || 'beginning'} → ${spec.to.trim() || 'end'}`;
}

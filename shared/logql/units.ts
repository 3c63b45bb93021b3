/**
 * Durations and byte sizes the way Loki reads and prints them:
 * - `[5m]` ranges: Prometheus model.ParseDuration (y w d h m s ms, biggest unit first);
 * - label-filter durations: model.ParseDuration, then Go's time.ParseDuration (fractions, us, ns);
 * - bytes: go-humanize ParseBytes (`10KB` = 10 000, `1MiB` = 1 048 576).
 * Results are nanoseconds / bytes as numbers.
 */

export type UnitResult = { ok: true; value: number } | { ok: false; error: string };

const MS = 1e6;
const promUnits: Record<string, { pos: number; ns: number }> = {
  y: { pos: 1, ns: 365 * 24 * 3600 * 1000 * MS },
  w: { pos: 2, ns: 7 * 24 * 3600 * 1000 * MS },
  d: { pos: 3, ns: 24 * 3600 * 1000 * MS },
  h: { pos: 4, ns: 3600 * 1000 * MS },
  m: { pos: 5, ns: 60 * 1000 * MS },
  s: { pos: 6, ns: 1000 * MS },
  ms: { pos: 7, ns: MS },
};
const MAX_NS = 2 ** 63;

/** Prometheus model.ParseDuration, with its error wording. */
export function parsePromDuration(s: string): UnitResult {
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return { ok: false, error: 'empty duration string' };
  const notValid = { ok: false as const, error: `not a valid duration string: ${JSON.stringify(s)}` };
  let rest = s;
  let total = 0;
  let lastPos = 0;
  while (rest !== '') {
    const num = /^[0-9]+/.exec(rest);
    if (!num) return notValid;
    rest = rest.slice(num[0].length);
    const unit = /^[^0-9]+/.exec(rest);
    if (!unit) return notValid;
    rest = rest.slice(unit[0].length);
    const u = promUnits[unit[0]];
    if (!u) return { ok: false, error: `unknown unit ${JSON.stringify(unit[0])} in duration ${JSON.stringify(s)}` };
    if (u.pos <= lastPos) return notValid;
    lastPos = u.pos;
    total += Number(num[0]) * u.ns;
    if (total >= MAX_NS) return { ok: false, error: 'duration out of range' };
  }
  return { ok: true, value: total };
}

const goUnits: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go time.ParseDuration (signed, fractional). */
export function parseGoDuration(s: string): UnitResult {
  const bad = { ok: false as const, error: `time: invalid duration ${JSON.stringify(s)}` };
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, value: 0 };
  if (rest === '') return bad;
  let total = 0;
  while (rest !== '') {
    const num = /^([0-9]*)(\.[0-9]*)?/.exec(rest)!;
    if (num[0] === '' || num[0] === '.') return bad;
    rest = rest.slice(num[0].length);
    const unit = /^[^0-9.]+/.exec(rest);
    if (!unit) return { ok: false, error: `time: missing unit in duration ${JSON.stringify(s)}` };
    rest = rest.slice(unit[0].length);
    const mult = goUnits[unit[0]];
    if (mult === undefined) return { ok: false, error: `time: unknown unit ${JSON.stringify(unit[0])} in duration ${JSON.stringify(s)}` };
    total += Number(num[0]) * mult;
  }
  if (total >= MAX_NS) return bad;
  return { ok: true, value: sign * Math.round(total) };
}

/** Loki's parseDuration: Prometheus style first, then Go style. */
export function parseLokiDuration(s: string): UnitResult {
  const p = parsePromDuration(s);
  return p.ok ? p : parseGoDuration(s);
}

/** model.Duration.String: `1h30m`, `90d`, `2w`, `0s`. */
export function formatPromDuration(ns: number): string {
  let ms = Math.trunc(ns / MS);
  if (ms === 0) return '0s';
  let out = '';
  const unit = (name: string, mult: number, exact: boolean) => {
    if (exact && ms % mult !== 0) return;
    const v = Math.floor(ms / mult);
    if (v > 0) {
      out += `${v}${name}`;
      ms -= v * mult;
    }
  };
  unit('y', 365 * 24 * 3600 * 1000, true);
  unit('w', 7 * 24 * 3600 * 1000, true);
  unit('d', 24 * 3600 * 1000, false);
  unit('h', 3600 * 1000, false);
  unit('m', 60 * 1000, false);
  unit('s', 1000, false);
  unit('ms', 1, false);
  return out;
}

/** Go time.Duration.String: `1h0m0s`, `1.5s`, `500ms`, `-2m0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) out = `${trim((u / 1e3).toFixed(3))}µs`;
    else out = `${trim((u / 1e6).toFixed(6))}ms`;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const s = `${trim((u / 1e9).toFixed(9))}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

const byteUnits: Record<string, number> = {
  b: 1, '': 1,
  kib: 1024, ki: 1024, kb: 1e3, k: 1e3,
  mib: 1024 ** 2, mi: 1024 ** 2, mb: 1e6, m: 1e6,
  gib: 1024 ** 3, gi: 1024 ** 3, gb: 1e9, g: 1e9,
  tib: 1024 ** 4, ti: 1024 ** 4, tb: 1e12, t: 1e12,
  pib: 1024 ** 5, pi: 1024 ** 5, pb: 1e15, p: 1e15,
  eib: 1024 ** 6, ei: 1024 ** 6, eb: 1e18, e: 1e18,
};

/** go-humanize ParseBytes. */
export function parseBytes(s: string): UnitResult {
  const num = /^[0-9.,]*/.exec(s)![0];
  const f = Number(num.replaceAll(',', ''));
  if (num === '' || !/^(\d+\.?\d*|\.\d+)$/.test(num.replaceAll(',', '')) || Number.isNaN(f)) {
    return { ok: false, error: `strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax` };
  }
  const extra = s.slice(num.length).trim().toLowerCase();
  const mult = byteUnits[extra];
  if (mult === undefined) return { ok: false, error: `unhandled size name: ${extra}` };
  const v = f * mult;
  if (v >= 2 ** 64) return { ok: false, error: `too large: ${s}` };
  return { ok: true, value: Math.floor(v) };
}

/** go-humanize Bytes (SI), spaces removed as Loki's BytesLabelFilter.String does. */
export function formatHumanBytes(n: number): string {
  if (n < 10) return `${n}B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return (val < 10 ? val.toFixed(1) : val.toFixed(0)) + (sizes[e] ?? 'B');
}

/**
 * Instant-vector functions applied value by value (Prometheus' simpleFloatFunc family and the
 * date functions, which read the value as Unix seconds in UTC). `extra` holds the scalar
 * arguments after the vector; undefined drops the sample (clamp with min > max).
 */
export type VectorFn = (v: number, extra: number[]) => number | undefined;

/** time.Unix(int64(v), 0).UTC(), as a JS Date (NaN/Inf give an invalid date, reported as NaN). */
function utc(v: number): Date {
  return new Date(Math.trunc(v) * 1000);
}

function date(f: (d: Date) => number): VectorFn {
  return (v) => {
    const d = utc(v);
    return Number.isNaN(d.getTime()) ? NaN : f(d);
  };
}

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

/** math.Max / math.Min: NaN wins, and ±0 are ordered. */
const goMax = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b));
const goMin = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b));

export const VECTOR_FUNCTIONS: Readonly<Record<string, VectorFn>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
  round: (v, [to = 1]) => {
    const inv = 1 / to;
    return Math.floor(v * inv + 0.5) / inv;
  },
  clamp: (v, [min, max]) => (max! < min! ? undefined : goMax(min!, goMin(max!, v))),
  clamp_min: (v, [min]) => goMax(min!, v),
  clamp_max: (v, [max]) => goMin(max!, v),
  day_of_month: date((d) => d.getUTCDate()),
  day_of_week: date((d) => d.getUTCDay()),
  day_of_year: date(dayOfYear),
  days_in_month: date((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()),
  hour: date((d) => d.getUTCHours()),
  minute: date((d) => d.getUTCMinutes()),
  month: date((d) => d.getUTCMonth() + 1),
  year: date((d) => d.getUTCFullYear()),
};

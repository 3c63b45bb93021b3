/**
 * Numbers as Loki prints them in JSON: sample values with Go's strconv.FormatFloat(v, 'f', -1, 64)
 * (shortest round-trip digits, never an exponent, "NaN", "+Inf", "-Inf"), timestamps as
 * Prometheus' model.Time.String() (milliseconds / 1000 as a float).
 */

/** strconv.FormatFloat(v, 'f', -1, 64), via Prometheus' model.SampleValue.String(). */
export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // JS switched to exponent notation (|v| ≥ 1e21 or < 1e-6): spell the same digits out.
  const sign = s.startsWith('-') ? '-' : '';
  const mantissa = s.slice(sign.length, e);
  const exp = Number(s.slice(e + 1));
  const [intPart, frac = ''] = mantissa.split('.');
  const digits = intPart! + frac;
  const point = intPart!.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A sample's time in the JSON answer: model.Time(ms).String() is float64(ms)/1000. */
export function formatTimestamp(ms: bigint): number {
  return Number(ms) / 1000;
}

/** Nanoseconds to Prometheus milliseconds, truncating as Go's integer division does. */
export function nsToMs(ns: bigint): bigint {
  return ns / 1_000_000n;
}

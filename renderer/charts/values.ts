/** A sample value as Loki prints it ("1.5", "NaN", "+Inf", "-Inf") as a number. */
export function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** What a chart can draw: NaN and infinities become gaps (the table still shows them). */
export function drawable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A value as Grafana's "short" unit shows it: 950, 1.25 K, 3.4 Mil, 0.0012. */
export function formatShort(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  const units: [number, string][] = [[1e12, ' Tri'], [1e9, ' Bil'], [1e6, ' Mil'], [1e3, ' K']];
  for (const [scale, suffix] of units) if (a >= scale) return `${trim(v / scale)}${suffix}`;
  return trim(v);
}

/** At most three decimals, no trailing zeros; small values keep three significant digits. */
function trim(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 0.01 ? v.toPrecision(3) : v.toFixed(a < 10 ? 3 : a < 100 ? 2 : 1);
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

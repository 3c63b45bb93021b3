// Float comparison as Prometheus' util/almost.Equal does it: NaN equals NaN (tests need to say
// "this is NaN"), infinities equal themselves, otherwise a relative tolerance, with an absolute
// floor near zero. PromQL tests use epsilon 1e-6 (promqltest's defaultEpsilon); the LogQL
// conformance README asks for 1e-9.

const MIN_NORMAL = 2.2250738585072014e-308;
export const PROMQL_EPSILON = 1e-6;
export const LOGQL_EPSILON = 1e-9;

export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** A sample value as Loki and Prometheus print it in JSON ("1.5", "NaN", "+Inf", "-Inf"). */
export function parseApiFloat(text: string): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default: {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`not a sample value: ${JSON.stringify(text)}`);
      return n;
    }
  }
}

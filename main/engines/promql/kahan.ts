/** Kahan–Neumaier summation exactly as Prometheus' util/kahansum.Inc. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + ((sum - t) + inc)];
  return [t, c + ((inc - t) + sum)];
}

/** Mean as avg_over_time and avg: direct Kahan sum while it stays finite, then incremental. */
export function kahanMean(values: readonly number[]): number {
  let sum = values[0]!;
  let c = 0;
  let mean = 0;
  let incremental = false;
  for (let i = 1; i < values.length; i++) {
    const f = values[i]!;
    const count = i + 1;
    if (!incremental) {
      const [ns, nc] = kahanInc(f, sum, c);
      if (ns !== Infinity && ns !== -Infinity) {
        sum = ns;
        c = nc;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(f / count, mean * q, c * q);
  }
  if (incremental) return mean + c;
  const n = values.length;
  return sum / n + c / n;
}

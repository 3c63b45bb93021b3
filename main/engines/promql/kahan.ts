/**
 * Kahan–Neumaier summation exactly as Prometheus' util/kahansum.Inc. The accumulator form
 * (Kahan) keeps the running sum and compensation in one object, so a sum over many samples
 * allocates nothing per sample.
 */
export class Kahan {
  c = 0;
  constructor(public sum = 0) {}
  add(inc: number): void {
    const sum = this.sum;
    const t = sum + inc;
    if (t === Infinity || t === -Infinity) this.c = 0;
    else if (Math.abs(sum) >= Math.abs(inc)) this.c += (sum - t) + inc;
    else this.c += (inc - t) + sum;
    this.sum = t;
  }
  /** Scales sum and compensation together (the incremental mean's step). */
  scale(q: number): void {
    this.sum *= q;
    this.c *= q;
  }
  value(): number {
    return this.sum + this.c;
  }
}

/** kahansum.Inc as a pure function: the new (sum, compensation). */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const k = new Kahan(sum);
  k.c = c;
  k.add(inc);
  return [k.sum, k.c];
}

/** Mean as avg_over_time and avg: direct Kahan sum while it stays finite, then incremental. */
export function kahanMean(values: readonly number[]): number {
  return kahanMeanOf(values.length, (i) => values[i]!);
}

/** kahanMean over n values read through `at` (no array needed). */
export function kahanMeanOf(n: number, at: (i: number) => number): number {
  const k = new Kahan(at(0));
  let incremental = false;
  for (let i = 1; i < n; i++) {
    const f = at(i);
    const count = i + 1;
    if (!incremental) {
      const sum = k.sum;
      const c = k.c;
      k.add(f);
      if (k.sum !== Infinity && k.sum !== -Infinity) continue;
      // Overflow: restart from the mean so far, incrementally.
      incremental = true;
      k.sum = sum / (count - 1);
      k.c = c / (count - 1);
    }
    k.scale((count - 1) / count);
    k.add(f / count);
  }
  if (incremental) return k.sum + k.c;
  return k.sum / n + k.c / n;
}

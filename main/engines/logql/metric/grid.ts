/**
 * The evaluation steps of a metric query. A range query is evaluated at start, start+step, … ≤ end
 * after Loki's query frontend aligned it to the step (splitters.go alignStartEnd: start rounded
 * down, end rounded up to a multiple of the step, in Unix time; not when start == end, where the
 * frontend does not split). An instant query is one step at `time` (Loki's step 0 becomes 1 ns).
 */

export interface StepGrid {
  startNs: bigint;
  /** Distance between steps; 1 ns for an instant query. */
  stepNs: bigint;
  count: number;
  instant: boolean;
}

export interface GridParams {
  kind: 'range' | 'instant';
  startNs: bigint;
  endNs: bigint;
  stepNs: bigint;
  timeNs: bigint;
}

export interface GridOptions {
  /** Align a range query to its step as Loki's query frontend does (default true). */
  alignToStep?: boolean;
}

export function stepGrid(p: GridParams, options: GridOptions = {}): StepGrid {
  if (p.kind === 'instant') return { startNs: p.timeNs, stepNs: 1n, count: 1, instant: true };
  // Loki carries the step in whole milliseconds from the frontend on.
  const stepNs = p.stepNs >= 1_000_000n ? (p.stepNs / 1_000_000n) * 1_000_000n : p.stepNs;
  let start = p.startNs;
  let end = p.endNs;
  if ((options.alignToStep ?? true) && start !== end && stepNs > 0n) {
    // Go's % truncates toward zero, as BigInt's does.
    start = start - (start % stepNs);
    const mod = end % stepNs;
    if (mod !== 0n) end += stepNs - mod;
  }
  const count = end < start || stepNs <= 0n ? 0 : Number((end - start) / stepNs) + 1;
  return { startNs: start, stepNs, count, instant: false };
}

export function stepTimeNs(g: StepGrid, k: number): bigint {
  return g.startNs + BigInt(k) * g.stepNs;
}

/** ceil(a / b) for b > 0. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return a >= 0n ? (a + b - 1n) / b : -(-a / b);
}

/**
 * The steps whose window (t - offset - range, t - offset] holds a sample at `tsNs`, as [first, last]
 * (first > last when none). Windows are left-open and right-closed, as Loki's range iterators.
 */
export function windowsOf(g: StepGrid, tsNs: bigint, rangeNs: bigint, offsetNs: bigint): [number, number] {
  const u = tsNs + offsetNs - g.startNs;
  let first = ceilDiv(u, g.stepNs);
  let last = ceilDiv(u + rangeNs, g.stepNs) - 1n;
  if (first < 0n) first = 0n;
  const max = BigInt(g.count - 1);
  if (last > max) last = max;
  return [Number(first), Number(last)];
}

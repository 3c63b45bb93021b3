/**
 * A metric query split in two halves, so that query workers do the per-line work: the worker
 * half (PartialMetric) runs each range aggregation's checks and sample extraction over one
 * stream's part, the coordinator half (applyMetricBatch) accumulates. Exact by construction:
 *
 * - ops whose accumulator is an integer Sum (count_over_time, rate without unwrap, bytes_*,
 *   absent_over_time; see mergesExactly) are pre-aggregated per (series, step) in the worker
 *   and merged by adding sums and counts, which no order changes;
 * - every other op (sum/avg/min/max/first/last/stddev/stdvar/quantile_over_time, rate_counter,
 *   unwrapped rate) ships its samples (series, ms time, value) in the part's time order, and
 *   the coordinator feeds them to the same accumulators in the same order as an in-process push
 *   of the stream would (parts in order), so float results are bit-identical.
 */
import type { RangeLeaf, StreamState } from './leaf';
import type { MetricQuery } from './evaluate';
import { labelsKey, type Labels } from './labels';

/** Records of one part: a sample (count < 0) or a (series, step) sum and count. */
export interface MetricBatch {
  /** Series label sets first seen in this batch, appended to the part's table. */
  newLabels: Labels[];
  n: number;
  leaf: Uint16Array;
  series: Uint32Array;
  /** Sample: time in ms; sums: step index. */
  at: Float64Array;
  value: Float64Array;
  /** Sums: the count; sample: -1. */
  count: Float64Array;
}

const CAP = 4096;

function newBatch(cap: number): MetricBatch {
  return { newLabels: [], n: 0, leaf: new Uint16Array(cap), series: new Uint32Array(cap), at: new Float64Array(cap), value: new Float64Array(cap), count: new Float64Array(cap) };
}

export class PartialMetric {
  private readonly states: (StreamState | null)[];
  private readonly seriesIds = new Map<string, number>();
  private batch = newBatch(CAP);
  /** Pre-aggregated sums: key (series × steps + step) × leaves + leaf → slot. */
  private readonly slots = new Map<number, number>();
  private sumS: number[] = [];
  private sumN: number[] = [];
  private slotKeys: number[] = [];
  private readonly steps: number;

  constructor(
    private readonly query: MetricQuery,
    labels: Labels,
    private readonly full: (b: MetricBatch) => void,
  ) {
    const key = labelsKey(labels);
    this.states = query.leaves.map((l) => l.stream(labels, key));
    this.steps = Math.max(1, ...query.leaves.map((l) => l.lastStepIndex + 1));
  }

  /** One entry of the part (not a duplicate of the line above), time in whole ms; the line decoded on demand. */
  line(tsMs: number, decode: () => string): void {
    const leaves = this.query.leaves;
    let line: string | null = null;
    let tsNs = 0n;
    for (let i = 0; i < leaves.length; i++) {
      const st = this.states[i];
      const leaf = leaves[i]!;
      if (!st || !leaf.stepsOfMs(tsMs)) continue;
      if (line === null) {
        line = decode();
        tsNs = BigInt(tsMs) * 1_000_000n;
      }
      const sample = st.extract(tsNs, line);
      if (!sample) continue;
      const series = this.seriesId(sample.labels);
      if (leaf.summable) this.sum(i, leaf, series, sample.value);
      else this.record(i, series, tsMs, sample.value, -1);
    }
  }

  /** Everything not yet handed out; `end` also hands out the sums (at the end of the part). */
  drain(end: boolean): void {
    if (end) {
      const leaves = this.query.leaves.length;
      for (let k = 0; k < this.slotKeys.length; k++) {
        const key = this.slotKeys[k]!;
        const leaf = key % leaves;
        const rest = (key - leaf) / leaves;
        this.record(leaf, Math.floor(rest / this.steps), rest % this.steps, this.sumS[k]!, this.sumN[k]!);
      }
      this.slots.clear();
      this.slotKeys = [];
      this.sumS = [];
      this.sumN = [];
    }
    if (this.batch.n > 0 || this.batch.newLabels.length > 0) this.flush();
  }

  private seriesId(labels: Labels): number {
    // Extractors hand the same object for lines that changed no label: no need to key it again.
    if (labels === this.lastLabels) return this.lastSeries;
    this.lastLabels = labels;
    return (this.lastSeries = this.seriesOf(labels));
  }
  private lastLabels: Labels | null = null;
  private lastSeries = 0;

  private seriesOf(labels: Labels): number {
    const key = labelsKey(labels);
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      this.seriesIds.set(key, (id = this.seriesIds.size));
      this.batch.newLabels.push(labels);
    }
    return id;
  }

  private sum(leafIdx: number, leaf: RangeLeaf, series: number, v: number): void {
    const leaves = this.query.leaves.length;
    for (let k = leaf.firstStep; k <= leaf.lastStep; k++) {
      const key = (series * this.steps + k) * leaves + leafIdx;
      let slot = this.slots.get(key);
      if (slot === undefined) {
        this.slots.set(key, (slot = this.slotKeys.length));
        this.slotKeys.push(key);
        this.sumS.push(0);
        this.sumN.push(0);
      }
      this.sumS[slot]! += v;
      this.sumN[slot]!++;
    }
  }

  private record(leaf: number, series: number, at: number, value: number, count: number): void {
    const b = this.batch;
    const i = b.n++;
    b.leaf[i] = leaf;
    b.series[i] = series;
    b.at[i] = at;
    b.value[i] = value;
    b.count[i] = count;
    if (b.n === CAP) this.flush();
  }

  private flush(): void {
    const b = this.batch;
    this.batch = newBatch(CAP);
    this.full(b);
  }
}

/** The coordinator half: a part's batches in order, with the part's series table so far. */
export function applyMetricBatch(query: MetricQuery, b: MetricBatch, table: Labels[], keys: string[]): void {
  for (let k = keys.length; k < table.length; k++) keys.push(labelsKey(table[k]!));
  const leaves = query.leaves;
  for (let i = 0; i < b.n; i++) {
    const leaf = leaves[b.leaf[i]!]!;
    const s = b.series[i]!;
    const count = b.count[i]!;
    if (count < 0) leaf.addSample(table[s]!, keys[s]!, BigInt(b.at[i]!) * 1_000_000n, b.value[i]!);
    else leaf.addSums(table[s]!, keys[s]!, b.at[i]!, b.value[i]!, count);
  }
}

/**
 * Instant vectors and vector aggregations (sum, avg, count, max, min, stddev, stdvar, topk,
 * bottomk, sort, sort_desc), after Loki's VectorAggEvaluator: groups keyed by the `by` labels
 * present (or all but the `without` labels), Welford for stddev/stdvar, and Go's container/heap
 * for topk/bottomk so ties resolve as Loki resolves them for the same input order.
 */
import type { Grouping, VectorOp } from '../../../../shared/logql/ast';
import { keep, labelsKey, without, type Labels } from './labels';

export interface Sample {
  labels: Labels;
  value: number;
}

/** A query failure with the HTTP status Loki answers with. */
export class MetricFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Less = (a: Sample, b: Sample) => boolean;
const byValue: Less = (a, b) => Number.isNaN(a.value) || a.value < b.value;
const byReverseValue: Less = (a, b) => Number.isNaN(a.value) || a.value > b.value;

/** Go's container/heap over a slice, with its exact sift order. */
class GoHeap {
  readonly items: Sample[] = [];
  constructor(private readonly less: Less) {}
  push(x: Sample): void {
    this.items.push(x);
    this.up(this.items.length - 1);
  }
  pop(): Sample {
    const n = this.items.length - 1;
    this.swap(0, n);
    this.down(0, n);
    return this.items.pop()!;
  }
  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }
  private up(j: number): void {
    for (;;) {
      const i = Math.floor((j - 1) / 2);
      if (i === j || j <= 0 || !this.less(this.items[j]!, this.items[i]!)) break;
      this.swap(i, j);
      j = i;
    }
  }
  private down(i0: number, n: number): void {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.less(this.items[j2]!, this.items[j1]!)) j = j2;
      if (!this.less(this.items[j]!, this.items[i]!)) break;
      this.swap(i, j);
      i = j;
    }
  }
  /** sort.Sort(sort.Reverse(heap)): largest first under `less`. */
  reversed(): Sample[] {
    return [...this.items].sort((a, b) => (this.less(b, a) ? -1 : this.less(a, b) ? 1 : 0));
  }
}

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  heap: GoHeap | null;
}

/** `by (a, b)` keeps the labels present; `without (a)` drops them (and __name__); no grouping is `by ()`. */
export function groupLabels(labels: Labels, g: Grouping | null): Labels {
  if (g && g.without) return without(labels, [...g.labels, '__name__']);
  return keep(labels, g ? g.labels : []);
}

export function aggregate(op: VectorOp, param: number | null, grouping: Grouping | null, vec: Sample[]): Sample[] {
  const k = Math.trunc(param ?? 0);
  if ((op === 'topk' || op === 'bottomk' || op === 'approx_topk') && k < 1) return [];
  const groups = new Map<string, Group>();
  for (const s of vec) {
    const m = groupLabels(s.labels, grouping);
    const key = labelsKey(m);
    const g = groups.get(key);
    if (!g) {
      const ng: Group = { labels: m, value: s.value, mean: s.value, count: 1, heap: null };
      if (op === 'stddev' || op === 'stdvar') ng.value = 0;
      if (op === 'topk' || op === 'approx_topk' || op === 'sort_desc') ng.heap = new GoHeap(byValue);
      if (op === 'bottomk' || op === 'sort') ng.heap = new GoHeap(byReverseValue);
      ng.heap?.push(s);
      groups.set(key, ng);
      continue;
    }
    switch (op) {
      case 'sum':
        g.value += s.value;
        break;
      case 'avg':
        g.count++;
        g.mean += (s.value - g.mean) / g.count;
        break;
      case 'max':
        if (g.value < s.value || Number.isNaN(g.value)) g.value = s.value;
        break;
      case 'min':
        if (g.value > s.value || Number.isNaN(g.value)) g.value = s.value;
        break;
      case 'count':
        g.count++;
        break;
      case 'stddev':
      case 'stdvar': {
        g.count++;
        const delta = s.value - g.mean;
        g.mean += delta / g.count;
        g.value += delta * (s.value - g.mean);
        break;
      }
      case 'topk':
      case 'approx_topk':
      case 'bottomk': {
        const h = g.heap!;
        const top = h.items[0]!.value;
        const better = op === 'bottomk' ? top > s.value : top < s.value;
        if (h.items.length < k || better || Number.isNaN(top)) {
          if (h.items.length === k) h.pop();
          h.push(s);
        }
        break;
      }
      case 'sort':
      case 'sort_desc':
        g.heap!.push(s);
        break;
    }
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    if (g.heap) {
      for (const s of g.heap.reversed()) out.push({ labels: s.labels, value: s.value });
      continue;
    }
    let value = g.value;
    if (op === 'avg') value = g.mean;
    else if (op === 'count') value = g.count;
    else if (op === 'stddev') value = Math.sqrt(g.value / g.count);
    else if (op === 'stdvar') value = g.value / g.count;
    out.push({ labels: g.labels, value });
  }
  return out;
}

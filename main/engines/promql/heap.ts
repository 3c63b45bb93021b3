/**
 * Go's container/heap and the sort Prometheus applies to topk/bottomk heaps, ported so that
 * ties and NaNs come out in the order Prometheus returns them.
 */
import type { Sample } from './values.js';

export type Less = (a: Sample, b: Sample) => boolean;

/** vectorByValueHeap: NaN sorts first, then ascending. */
export const byValue: Less = (a, b) => (Number.isNaN(a.v) ? true : a.v < b.v);
/** vectorByReverseValueHeap: NaN sorts first, then descending. */
export const byReverseValue: Less = (a, b) => (Number.isNaN(a.v) ? true : a.v > b.v);

function up(h: Sample[], j: number, less: Less): void {
  while (j > 0) {
    const i = (j - 1) >> 1;
    if (i === j || !less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    j = i;
  }
}

function down(h: Sample[], i0: number, n: number, less: Less): boolean {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2]!, h[j1]!)) j = j2;
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    i = j;
  }
  return i > i0;
}

export function heapPush(h: Sample[], s: Sample, less: Less): void {
  h.push(s);
  up(h, h.length - 1, less);
}

export function heapFix(h: Sample[], i: number, less: Less): void {
  if (!down(h, i, h.length, less)) up(h, i, less);
}

/** sort.Sort(sort.Reverse(heap)): Go's pdqsort is insertion sort below 13 elements. */
export function sortReverse(h: Sample[], less: Less): void {
  const rev: Less = (a, b) => less(b, a);
  if (h.length <= 12) {
    for (let i = 1; i < h.length; i++) {
      for (let j = i; j > 0 && rev(h[j]!, h[j - 1]!); j--) [h[j], h[j - 1]] = [h[j - 1]!, h[j]!];
    }
    return;
  }
  h.sort((a, b) => (rev(a, b) ? -1 : rev(b, a) ? 1 : 0));
}

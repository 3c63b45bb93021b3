/** sort / sort_desc (NaN last) and sort_by_label(_desc) with natural order, as Prometheus' functions.go. */
import { compareLabels, getLabel } from '../tsdb/labels.js';
import type { Sample } from './values.js';

export function sortByValue(v: Sample[], desc: boolean): Sample[] {
  // Prometheus sorts with vectorByValueHeap / vectorByReverseValueHeap, NaN last in both.
  return [...v].sort((a, b) => {
    if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : 1;
    if (Number.isNaN(b.v)) return -1;
    return desc ? b.v - a.v : a.v - b.v;
  });
}

/** natsort.Compare: digit runs compare as numbers, other runs as strings. */
export function naturalLess(a: string, b: string): boolean {
  const chunk = /(\d+|\D+)/g;
  const ca = a.match(chunk) ?? [];
  const cb = b.match(chunk) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const xn = x.replace(/^0+/, '');
      const yn = y.replace(/^0+/, '');
      if (xn.length !== yn.length) return xn.length < yn.length;
      if (xn !== yn) return xn < yn;
      return x.length < y.length;
    }
    return x < y;
  }
  return ca.length < cb.length;
}

export function sortByLabel(v: Sample[], names: string[], desc: boolean): Sample[] {
  return [...v].sort((a, b) => {
    for (const n of names) {
      const x = getLabel(a.labels, n);
      const y = getLabel(b.labels, n);
      if (x === y) continue;
      return naturalLess(x, y) !== desc ? -1 : 1;
    }
    const c = compareLabels(a.labels, b.labels);
    return desc ? -c : c;
  });
}

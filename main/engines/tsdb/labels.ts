/**
 * Label sets as Prometheus' labels.Labels: sorted by name, no empty values. Sets are interned
 * by their canonical key, so the store and the engine can compare them by identity or key.
 */

export interface Label {
  readonly name: string;
  readonly value: string;
}

export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';

/** Sorted, empty values dropped (an empty label is the same as a missing one). */
export function labelsFromRecord(rec: Readonly<Record<string, string>>): Labels {
  return Object.keys(rec)
    .filter((k) => rec[k] !== '')
    .sort(compareStrings)
    .map((name) => ({ name, value: rec[name]! }));
}

export function labelsToRecord(ls: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of ls) out[l.name] = l.value;
  return out;
}

/** Byte-wise order as Go compares strings (UTF-16 order differs only outside the BMP, rare in labels). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const keys = new WeakMap<Labels, string>();

/**
 * A key that identifies the label set (\xff cannot occur in valid UTF-8 label text). Label sets
 * are immutable, and the same ones come back at every step of a query: the key is memoised.
 */
export function labelsKey(ls: Labels): string {
  let k = keys.get(ls);
  if (k !== undefined) return k;
  k = '';
  for (const l of ls) k += `${l.name}\xff${l.value}\xfe`;
  keys.set(ls, k);
  return k;
}

export function getLabel(ls: Labels, name: string): string {
  for (const l of ls) if (l.name === name) return l.value;
  return '';
}

/** labels.Compare: lexicographic over (name, value) pairs, then by length. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i]!.name, b[i]!.name) || compareStrings(a[i]!.value, b[i]!.value);
    if (c) return c;
  }
  return a.length - b.length;
}

export function formatLabels(ls: Labels): string {
  return `{${ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

/** A builder that keeps the result sorted: set (empty value deletes), del, then labels(). */
export class LabelsBuilder {
  private readonly map = new Map<string, string>();
  constructor(base: Labels) {
    for (const l of base) this.map.set(l.name, l.value);
  }
  set(name: string, value: string): this {
    if (value === '') this.map.delete(name);
    else this.map.set(name, value);
    return this;
  }
  del(...names: string[]): this {
    for (const n of names) this.map.delete(n);
    return this;
  }
  keep(names: readonly string[]): this {
    for (const n of [...this.map.keys()]) if (!names.includes(n)) this.map.delete(n);
    return this;
  }
  labels(): Labels {
    return [...this.map.entries()].sort((a, b) => compareStrings(a[0], b[0])).map(([name, value]) => ({ name, value }));
  }
}

import type { ResultRow } from './query-results';

export interface ValueCount {
  value: string;
  count: number;
}

export interface FieldStats {
  name: string;
  /** Rows that carry this parsed label. */
  rows: number;
  distinct: number;
  /** The most frequent values, most frequent first (ties by value). */
  top: ValueCount[];
}

/** Every value of every parsed label, with counts, most frequent first. */
export function parsedValueCounts(rows: readonly ResultRow[]): Map<string, ValueCount[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.parsed) continue;
    for (const [name, value] of Object.entries(r.parsed)) {
      let m = counts.get(name);
      if (!m) counts.set(name, (m = new Map()));
      m.set(value, (m.get(value) ?? 0) + 1);
    }
  }
  const out = new Map<string, ValueCount[]>();
  for (const [name, m] of counts) {
    out.set(name, [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)));
  }
  return out;
}

/** The "parsed fields" panel: each parsed label by name, with its top values. */
export function parsedFieldStats(rows: readonly ResultRow[], topN = 10): FieldStats[] {
  return [...parsedValueCounts(rows)]
    .map(([name, values]) => ({ name, rows: values.reduce((n, v) => n + v.count, 0), distinct: values.length, top: values.slice(0, topN) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

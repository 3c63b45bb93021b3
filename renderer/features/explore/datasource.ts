/**
 * Where a pane's queries go: the local files, or a Loki connection. Remembered per pane (the
 * main pane and the right pane of a split each have their own), by connection id.
 */
export type Datasource = { kind: 'local' } | { kind: 'loki'; connectionId: string };

export const LOCAL: Datasource = { kind: 'local' };

/** The picker's value: `local` or `loki:ID`. */
export function datasourceKey(d: Datasource): string {
  return d.kind === 'local' ? 'local' : `loki:${d.connectionId}`;
}

export function datasourceOf(key: string | null): Datasource {
  if (key?.startsWith('loki:') && key.length > 5) return { kind: 'loki', connectionId: key.slice(5) };
  return LOCAL;
}

export const storageKeyOf = (pane: 'main' | 'right'): string => `vigie.explore.datasource.${pane}`;

/**
 * The time range a Loki request needs when the page's range is open ("All time"): Loki's own
 * default, the last hour, with the given end or now.
 */
export function lokiBounds(range: { start?: number | undefined; end?: number | undefined }, now: number): { start: number; end: number } {
  const end = range.end ?? now;
  const start = range.start ?? end - 3600_000;
  return end > start ? { start, end } : { start: end - 3600_000, end };
}

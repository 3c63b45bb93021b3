/** A stream's or series' label set, as Loki and Prometheus have them. */
export type Labels = Readonly<Record<string, string>>;

/** Labels printed as Loki prints a stream selector: `{a="1", b="2"}`, keys sorted. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/** A stable key for a label set (sorted), usable in maps. */
export function labelsKey(labels: Labels): string {
  return formatLabels(labels);
}

/** Left-aligned text columns, as `logcli` and `promtool` print them. Numbers align right. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^-?[\d,.]+$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Epoch ms as RFC 3339 UTC to the millisecond, or `-`. */
export function isoTime(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '-' : new Date(ms).toISOString();
}

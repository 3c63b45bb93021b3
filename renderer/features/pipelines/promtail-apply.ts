import { parseDocument } from 'yaml';

/**
 * Whether the text is a whole Promtail config that `sources.addPromtail` can apply: a
 * top-level `scrape_configs` list with at least one job whose `static_configs` labels carry a
 * non-empty `__path__` glob. A pure check (no server), so the Apply button can follow typing.
 */
export function hasPromtailPaths(text: string): boolean {
  let root: unknown;
  try {
    const doc = parseDocument(text);
    if (doc.errors.length) return false;
    root = doc.toJS();
  } catch {
    return false;
  }
  if (!isRecord(root) || !Array.isArray(root.scrape_configs)) return false;
  return root.scrape_configs.some(
    (job) =>
      isRecord(job) &&
      Array.isArray(job.static_configs) &&
      job.static_configs.some((sc) => isRecord(sc) && isRecord(sc.labels) && typeof sc.labels.__path__ === 'string' && sc.labels.__path__.trim() !== ''),
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Explore query that shows an applied source's streams: its job label. */
export function jobQuery(job: string): string {
  return `{job=${JSON.stringify(job)}}`;
}

import type { StreamInfo } from '../../../shared/contract';

export interface StreamGroup {
  job: string;
  streams: StreamInfo[];
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The name a person recognises: the file's base name, else the label set. */
export function streamTitle(s: Pick<StreamInfo, 'id' | 'labels'>): string {
  if (s.labels.filename) return baseName(s.labels.filename);
  const entries = Object.entries(s.labels);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(' ') : s.id;
}

/**
 * Matches the filter box: every word must appear in some label value (case-insensitive);
 * a word like `host=web1` must match that label exactly.
 */
export function matchesFilter(s: Pick<StreamInfo, 'labels'>, filter: string): boolean {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const values = Object.values(s.labels).map((v) => v.toLowerCase());
  return words.every((w) => {
    const eq = w.indexOf('=');
    if (eq > 0) return (s.labels[w.slice(0, eq)] ?? '').toLowerCase() === w.slice(eq + 1).replace(/^"|"$/g, '');
    return values.some((v) => v.includes(w));
  });
}

/** Streams grouped by `job`, groups and streams sorted by name, after the filter. */
export function groupStreams(streams: readonly StreamInfo[], filter: string): StreamGroup[] {
  const groups = new Map<string, StreamInfo[]>();
  for (const s of streams) {
    if (!matchesFilter(s, filter)) continue;
    const job = s.labels.job ?? '(no job)';
    let g = groups.get(job);
    if (!g) groups.set(job, (g = []));
    g.push(s);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([job, list]) => ({ job, streams: list.sort((a, b) => streamTitle(a).localeCompare(streamTitle(b)) || a.id.localeCompare(b.id)) }));
}

/** Drops chosen ids whose stream is gone (its source removed), keeping the user's order. */
export function pruneSelection(selected: readonly string[], streams: readonly Pick<StreamInfo, 'id'>[]): string[] {
  const ids = new Set(streams.map((s) => s.id));
  return selected.filter((id) => ids.has(id));
}

/**
 * A number that changes whenever the chosen streams gain lines or change state, so the
 * Explore page knows when its cached windows are out of date.
 */
export function viewSignature(streams: readonly StreamInfo[], chosen: ReadonlySet<string>): string {
  return streams
    .filter((s) => chosen.has(s.id))
    .map((s) => `${s.id}:${s.lineCount}:${s.status.state}:${s.first ?? ''}:${s.last ?? ''}`)
    .join('|');
}

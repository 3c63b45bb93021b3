import type { LiveNotification } from '../../shared/contract/live';

/** The URL hash of Explore at the alert's lines (the renderer's hash format: page, from/to in ms, query). */
export function exploreHash(n: LiveNotification): string | null {
  if (!n.explore) return null;
  const params = new URLSearchParams({ from: String(Math.floor(n.explore.fromMs)), to: String(Math.ceil(n.explore.toMs)), query: n.explore.query });
  return `#/explore?${params.toString()}`;
}

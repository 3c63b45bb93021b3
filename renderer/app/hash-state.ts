import { DEFAULT_RANGE, type TimeRangeSpec } from './time-range';

export const PAGES = ['explore', 'pipelines', 'alerts', 'sources', 'connections', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export interface HashState {
  page: Page;
  range: TimeRangeSpec;
  /** Explore's LogQL query, so a link or a reload brings the query back. */
  query?: string;
  /** Explore split in two: the right pane's query ('' for an empty one); absent when not split. */
  split?: string;
}

/**
 * The page and the time range live in the URL hash (`#/explore?from=now-1h&to=now`) so a
 * reload or a copied link keeps them. "All time" is the absence of from/to.
 */
export function parseHash(hash: string): HashState {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'explore';
  const from = params.get('from');
  const to = params.get('to');
  const query = params.get('query') || undefined;
  const split = params.has('split') ? (params.get('split') ?? '') : undefined;
  return { page, range: from === null && to === null ? DEFAULT_RANGE : { from: from ?? '', to: to ?? '' }, query, ...(split !== undefined ? { split } : {}) };
}

export function formatHash(state: HashState): string {
  const params = new URLSearchParams();
  if (state.range.from.trim()) params.set('from', state.range.from.trim());
  if (state.range.to.trim()) params.set('to', state.range.to.trim());
  if (state.query?.trim()) params.set('query', state.query);
  if (state.split !== undefined) params.set('split', state.split.trim() ? state.split : '');
  const qs = params.toString();
  return `#/${state.page}${qs ? `?${qs}` : ''}`;
}

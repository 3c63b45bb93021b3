export const HISTORY_KEY = 'vigie.explore.history';
export const HISTORY_MAX = 50;

/** Most recent first, no duplicates, at most HISTORY_MAX; blank queries are not kept. */
export function pushHistory(list: readonly string[], query: string, max = HISTORY_MAX): string[] {
  const q = query.trim();
  if (!q) return [...list];
  return [q, ...list.filter((x) => x !== q)].slice(0, max);
}

export function loadHistory(storage: Pick<Storage, 'getItem'>): string[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

export function saveHistory(storage: Pick<Storage, 'setItem'>, list: readonly string[]): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: history lasts while the page is open
  }
}

/**
 * Merges per-stream entry iterators, each already in the query's direction, into one
 * sequence in that direction: a k-way merge, so the first `limit` entries are final as soon
 * as they come out and can be streamed to the UI. Equal timestamps go by `key` (the entry's
 * label set), then by the order of the streams given, as Loki's merge iterator orders them.
 */
export interface MergeEntry {
  tsNs: bigint;
  key: string;
}

export async function* mergeByTime<E extends MergeEntry>(sources: AsyncIterator<E>[], direction: 'forward' | 'backward'): AsyncGenerator<E> {
  const heads: (E | null)[] = await Promise.all(sources.map(async (s) => ((await s.next()).value as E | undefined) ?? null));
  const forward = direction === 'forward';
  const before = (a: E, b: E): boolean => (a.tsNs !== b.tsNs ? (forward ? a.tsNs < b.tsNs : a.tsNs > b.tsNs) : a.key < b.key);
  for (;;) {
    let best = -1;
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k];
      if (h && (best === -1 || before(h, heads[best]!))) best = k;
    }
    if (best === -1) return;
    yield heads[best]!;
    const next = await sources[best]!.next();
    heads[best] = next.done ? null : next.value;
  }
}

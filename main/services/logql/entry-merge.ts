/**
 * Merges per-stream entry sources, each already in the query's direction, into one sequence
 * in that direction: a k-way merge, so the first `limit` entries are final as soon as they
 * come out and can be streamed to the UI. Equal timestamps go by `key` (the entry's label
 * set), then by the order of the streams given, as Loki's merge iterator orders them.
 *
 * Sources deliver arrays (a worker's batch), and the merge only awaits when a source's array
 * runs out: one await per batch instead of one per entry, which matters at 10⁵ entries.
 */
export interface MergeEntry {
  tsNs: bigint;
  key: string;
}

export async function* mergeByTime<E extends MergeEntry>(sources: AsyncIterator<E[]>[], direction: 'forward' | 'backward'): AsyncGenerator<E[]> {
  const forward = direction === 'forward';
  const bufs: (E[] | null)[] = [];
  const pos: number[] = [];
  const refill = async (k: number): Promise<void> => {
    for (;;) {
      const r = await sources[k]!.next();
      if (r.done) {
        bufs[k] = null;
        return;
      }
      if (r.value.length > 0) {
        bufs[k] = r.value;
        pos[k] = 0;
        return;
      }
    }
  };
  await Promise.all(sources.map((_, k) => refill(k)));
  if (sources.length === 1) {
    // One stream: its batches are already in order.
    while (bufs[0]) {
      yield pos[0] === 0 ? bufs[0] : bufs[0].slice(pos[0]);
      await refill(0);
    }
    return;
  }
  const before = (a: E, b: E): boolean => (a.tsNs !== b.tsNs ? (forward ? a.tsNs < b.tsNs : a.tsNs > b.tsNs) : a.key < b.key);
  let out: E[] = [];
  for (;;) {
    let best = -1;
    let head: E | null = null;
    for (let k = 0; k < bufs.length; k++) {
      const b = bufs[k];
      if (!b) continue;
      const h = b[pos[k]!]!;
      if (best === -1 || before(h, head!)) {
        best = k;
        head = h;
      }
    }
    if (best === -1) break;
    out.push(head!);
    if (++pos[best]! === bufs[best]!.length) {
      // The next head of this source is unknown: hand out what is final, then wait for it.
      if (out.length) yield out;
      out = [];
      await refill(best);
    }
  }
  if (out.length) yield out;
}

/**
 * The chosen streams' lines in one time order, addressable by position: what a virtualised
 * list needs to show line 4,200,000 of ten million without materialising the rest.
 *
 * One stream maps positions straight to its line numbers (no timestamps needed: the range's
 * two boundaries were found by the index). Several streams are merged once by timestamp
 * into two typed arrays (stream index, line number): 6 bytes per line. Per-line timestamps
 * are computed lazily by the index, so the merge asks for them window by window, awaiting
 * each (block reads and parses) and yielding to the event loop between windows.
 * Equal timestamps keep stream order then line order, so the merge is stable.
 */
export interface MergeInput {
  /** Line range [from, to) of this stream inside the time range. */
  from: number;
  to: number;
  /** Timestamps of lines [a, b) of this stream. */
  times(a: number, b: number): Promise<ArrayLike<number>>;
}

export interface LineRef {
  stream: number;
  line: number;
}

export interface MergedView {
  readonly total: number;
  /** Position 0 is the oldest line when forward, the newest when backward. */
  at(position: number): LineRef;
}

/** Lines of timestamps asked of a stream at once (a few lazily parsed blocks). */
const WINDOW = 4096;
/** Merged lines between two yields to the event loop. */
const YIELD_EVERY = 1 << 16;

export async function mergeStreams(inputs: readonly MergeInput[], direction: 'forward' | 'backward', signal?: AbortSignal): Promise<MergedView> {
  const total = inputs.reduce((n, s) => n + Math.max(0, s.to - s.from), 0);
  const flip = (p: number): number => (direction === 'forward' ? p : total - 1 - p);
  const nonEmpty = inputs.map((s, i) => ({ s, i })).filter(({ s }) => s.to > s.from);
  if (nonEmpty.length <= 1) {
    const only = nonEmpty[0];
    return { total, at: (p) => ({ stream: only?.i ?? 0, line: (only?.s.from ?? 0) + flip(p) }) };
  }
  if (inputs.length > 0xffff) throw new Error('too many streams to merge');
  const streams = new Uint16Array(total);
  const lines = new Uint32Array(total);
  // Per stream: the head line, and a window of its timestamps starting at winFrom.
  const heads = nonEmpty.map(({ s }) => s.from);
  const winFrom = nonEmpty.map(({ s }) => s.from);
  const wins = await Promise.all(nonEmpty.map(({ s }) => s.times(s.from, Math.min(s.to, s.from + WINDOW))));
  const headTs = nonEmpty.map((_, k) => wins[k]![0]!);
  for (let out = 0; out < total; out++) {
    // k is small (streams a user picks); a linear scan of heads beats a heap below ~16.
    let best = -1;
    let bestTs = Infinity;
    for (let k = 0; k < nonEmpty.length; k++) {
      const t = headTs[k]!;
      if (heads[k]! < nonEmpty[k]!.s.to && (best === -1 || t < bestTs)) {
        best = k;
        bestTs = t;
      }
    }
    const pick = nonEmpty[best]!;
    streams[out] = pick.i;
    lines[out] = heads[best]!;
    const next = ++heads[best]!;
    if (next < pick.s.to) {
      if (next - winFrom[best]! >= wins[best]!.length) {
        winFrom[best] = next;
        wins[best] = await pick.s.times(next, Math.min(pick.s.to, next + WINDOW));
      }
      headTs[best] = wins[best]![next - winFrom[best]!]!;
    }
    if ((out & (YIELD_EVERY - 1)) === YIELD_EVERY - 1) {
      await new Promise<void>((r) => setImmediate(r));
      signal?.throwIfAborted();
    }
  }
  return { total, at: (p) => ({ stream: streams[flip(p)]!, line: lines[flip(p)]! }) };
}

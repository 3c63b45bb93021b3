/** Test helper: indexes bytes in memory like the fs adapter does (passes, samples, lazy times). */
import { nodeByteSearch, nodeDecoder } from '../../adapters/fs/node-ports';
import { ChunkIndexer, sampleLines, sniffFormat } from './chunk-indexer';
import type { TimestampFormat } from './detect/index';
import { sniffEncoding } from './encoding-sniff';
import { LazyTimes } from './lazy-times';
import { LineIndex } from './line-index';
import { TimestampTracker, type TrackerState } from './timestamp-tracker';

export interface IndexedBytes {
  index: LineIndex;
  times: LazyTimes;
  format: TimestampFormat | null;
  reads: number;
}

/**
 * Indexes `bytes` pushed in chunks of chunkSize, as several passes cut at the given line
 * numbers (each pass samples from its own start, as the first screen and worker halves do).
 */
export function indexBytes(
  bytes: Uint8Array,
  opts: { chunkSize?: number; year?: number; includePartial?: boolean; cutLines?: number[]; fallbackTs?: number; cacheBytes?: number } = {},
): IndexedBytes {
  const sniff = sniffEncoding(bytes);
  if (sniff.kind !== 'text') throw new Error('binary');
  const format = sniffFormat(sampleLines(bytes, sniff.encoding, sniff.bomLength, nodeDecoder, nodeByteSearch));
  const year = opts.year ?? 2024;
  const index = new LineIndex(opts.fallbackTs ?? -1);
  const chunk = opts.chunkSize ?? 1 << 20;
  // First pass over everything to find the cut offsets, then the real passes.
  const starts: number[] = [];
  const probe = new ChunkIndexer({
    search: nodeByteSearch, decoder: nodeDecoder, encoding: sniff.encoding, startOffset: 0, textStart: sniff.bomLength,
    format, year, firstLine: 0, onLine: (s) => starts.push(s), onSample: () => undefined,
  });
  probe.push(bytes);
  probe.finish(opts.includePartial ?? true);
  const cuts = (opts.cutLines ?? []).filter((l) => l > 0 && l < starts.length);
  let state: TrackerState | undefined;
  let from = 0;
  for (const [k, cut] of [...cuts, Infinity].entries()) {
    const last = cut === Infinity;
    const begin = from === 0 ? 0 : starts[from]!;
    const stop = last ? bytes.length : starts[cut]!;
    const ix = new ChunkIndexer({
      search: nodeByteSearch, decoder: nodeDecoder, encoding: sniff.encoding, startOffset: begin, textStart: sniff.bomLength,
      format, year, ...(state ? { state } : {}), firstLine: index.lineCount,
      onLine: (s) => index.push(s), onSample: (l, t, y) => index.addSample(l, t, y),
    });
    for (let p = begin; p < stop; p += chunk) ix.push(bytes.subarray(p, Math.min(stop, p + chunk)));
    index.endOffset = ix.finish(last ? (opts.includePartial ?? true) : true);
    state = ix.tracker.state;
    from = cut;
    void k;
  }
  const out: IndexedBytes = { index, times: null as unknown as LazyTimes, format, reads: 0 };
  out.times = new LazyTimes({
    index,
    read: async (pos, len) => (out.reads++, bytes.subarray(pos, pos + len)),
    tracker: (s) => new TimestampTracker(format, year, nodeDecoder, sniff.encoding, s),
    encoding: sniff.encoding,
    ...(opts.cacheBytes ? { cacheBytes: opts.cacheBytes } : {}),
  });
  return out;
}

export async function allTimes(ix: IndexedBytes): Promise<number[]> {
  return [...(await ix.times.timestamps(0, ix.index.lineCount))];
}

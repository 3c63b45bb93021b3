import type { LogLine, LogWindow } from '../../../shared/contract/logs';
import type { TimeRange } from '../../../shared/contract/common';
import type { IndexedFile } from '../../adapters/fs';
import { mergeStreams, type MergedView } from './merged-view';

export interface LogsServiceDeps {
  stream(id: string): { file: IndexedFile };
  /** Bumped whenever any stream changes (indexing progress, appends, resets). */
  generation(): number;
}

interface CachedView {
  key: string;
  generation: number;
  view: Promise<MergedView>;
  /** The signal of the request that started the build (its cancel fails the build). */
  signal: AbortSignal;
  files: IndexedFile[];
  partial: boolean;
}

/**
 * Windows over the merged view of some streams. The last few views are cached so that
 * scrolling asks for windows of an existing view; a change in any stream rebuilds it.
 * Building a view is async: each stream's time range is found by its index (the two
 * boundary blocks read on demand) and, for several streams, the merge loads the lines'
 * timestamps window by window (merged-view.ts).
 */
export class LogsService {
  private cache: CachedView[] = [];

  constructor(private readonly deps: LogsServiceDeps) {}

  async window(input: { streamIds: string[]; range: TimeRange; direction: 'forward' | 'backward'; offset: number; limit: number }, signal: AbortSignal): Promise<LogWindow> {
    const v = this.view(input.streamIds, input.range, input.direction, signal);
    let view: MergedView;
    try {
      view = await v.view;
    } catch (e) {
      this.cache = this.cache.filter((c) => c !== v); // a cancelled or failed build is not kept
      // Another request's cancel stopped the build this one shares: build again for this one.
      if (v.signal !== signal && v.signal.aborted && !signal.aborted) return this.window(input, signal);
      throw e;
    }
    const end = Math.min(view.total, input.offset + input.limit);
    const lines: LogLine[] = [];
    // Read consecutive runs of one stream together: one positioned read per run.
    let p = input.offset;
    while (p < end) {
      signal.throwIfAborted();
      const first = view.at(p);
      let q = p + 1;
      const step = input.direction === 'forward' ? 1 : -1;
      while (q < end) {
        const r = view.at(q);
        if (r.stream !== first.stream || r.line !== first.line + step * (q - p)) break;
        q++;
      }
      const lo = input.direction === 'forward' ? first.line : first.line - (q - p - 1);
      const hi = lo + (q - p);
      const file = v.files[first.stream]!;
      const read = await file.read(lo, hi);
      if (input.direction === 'backward') read.reverse();
      for (const l of read) lines.push({ streamId: input.streamIds[first.stream]!, ...l });
      p = q;
    }
    return { total: view.total, offset: input.offset, lines, partial: v.partial };
  }

  private view(streamIds: string[], range: TimeRange, direction: 'forward' | 'backward', signal: AbortSignal): CachedView {
    const key = JSON.stringify([streamIds, range.start ?? null, range.end ?? null, direction]);
    const generation = this.deps.generation();
    const hit = this.cache.find((c) => c.key === key && c.generation === generation);
    if (hit) return hit;
    const files = streamIds.map((id) => this.deps.stream(id).file);
    const start = range.start ?? -Infinity;
    const end = range.end ?? Infinity;
    const build = async (): Promise<MergedView> => {
      const ranges = await Promise.all(files.map((f) => f.findRange(start, end)));
      signal.throwIfAborted();
      const inputs = ranges.map(({ from, to }, k) => ({ from, to, times: (a: number, b: number) => files[k]!.timestampsOf(a, b) }));
      return mergeStreams(inputs, direction, signal);
    };
    const view: CachedView = {
      key,
      generation,
      view: build(),
      signal,
      files,
      partial: files.some((f) => f.status().state === 'indexing'),
    };
    this.cache = [view, ...this.cache.filter((c) => c.key !== key)].slice(0, 4);
    return view;
  }
}

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
  view: MergedView;
  files: IndexedFile[];
  partial: boolean;
}

/**
 * Windows over the merged view of some streams. The last few views are cached so that
 * scrolling asks for windows of an existing view; a change in any stream rebuilds it.
 */
export class LogsService {
  private cache: CachedView[] = [];

  constructor(private readonly deps: LogsServiceDeps) {}

  async window(input: { streamIds: string[]; range: TimeRange; direction: 'forward' | 'backward'; offset: number; limit: number }, signal: AbortSignal): Promise<LogWindow> {
    const v = this.view(input.streamIds, input.range, input.direction);
    const end = Math.min(v.view.total, input.offset + input.limit);
    const lines: LogLine[] = [];
    // Read consecutive runs of one stream together: one positioned read per run.
    let p = input.offset;
    while (p < end) {
      signal.throwIfAborted();
      const first = v.view.at(p);
      let q = p + 1;
      const step = input.direction === 'forward' ? 1 : -1;
      while (q < end) {
        const r = v.view.at(q);
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
    return { total: v.view.total, offset: input.offset, lines, partial: v.partial };
  }

  private view(streamIds: string[], range: TimeRange, direction: 'forward' | 'backward'): CachedView {
    const key = JSON.stringify([streamIds, range.start ?? null, range.end ?? null, direction]);
    const generation = this.deps.generation();
    const hit = this.cache.find((c) => c.key === key && c.generation === generation);
    if (hit) return hit;
    const files = streamIds.map((id) => this.deps.stream(id).file);
    const start = range.start ?? -Infinity;
    const end = range.end ?? Infinity;
    const inputs = files.map((f) => {
      const { from, to } = f.linesInRange(start, end);
      return { from, to, tsOf: (i: number) => f.timestampOf(i) };
    });
    const view: CachedView = {
      key,
      generation,
      view: mergeStreams(inputs, direction),
      files,
      partial: files.some((f) => f.status().state === 'indexing'),
    };
    this.cache = [view, ...this.cache.filter((c) => c.key !== key)].slice(0, 4);
    return view;
  }
}

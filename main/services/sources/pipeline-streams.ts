/**
 * A Promtail job's streams, as Promtail would ship them: each file's lines (in order, the
 * line's detected time as the read time, labels = the job's static labels + `filename`) go
 * through one pipeline instance per file; the entries that come out are grouped by their final
 * label set and kept in memory, sorted by time as Loki stores them. Each group is exposed as an
 * IndexedFile (without `scanInfo`, so the LogQL services read it through the in-process path).
 */
import type { AppError, Level } from '../../../shared/model/index';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { DisplayLine, FileStatus, IndexedFile, IndexStats } from '../../adapters/fs/file-types';
import type { PipelineJob } from '../../engines/pipeline-config/index';
import { MetricsRegistry } from '../../engines/pipeline/metrics-registry';
import { buildPipeline } from '../../engines/pipeline/runner';
import type { PipelineEntry } from '../../engines/pipeline/types';
import { detectLevel } from '../../engines/sources/detect/level';
import { stageContext } from '../pipeline/stage-context';

/** Entries kept per pipeline source at most; beyond, the source reports an error. */
export const MAX_PIPELINE_ENTRIES = 2_000_000;
const BLOCK = 5000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PipelineStreamGroup {
  labels: Record<string, string>;
  file: MemoryLogFile;
}

export interface Materialised {
  streams: PipelineStreamGroup[];
  /** The `metrics` stages' series, on log time. */
  metrics: MetricsRegistry;
  errors: AppError[];
}

const labelsKey = (l: Record<string, string>) =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}=${JSON.stringify(l[k])}`)
    .join(',');

/** Resolves once the file is no longer indexing. */
export function whenIndexed(file: IndexedFile): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (file.status().state !== 'indexing') {
        off();
        resolve();
      }
    };
    const off = file.onChange(check);
    check();
  });
}

export async function materialiseJob(job: PipelineJob, files: { path: string; file: IndexedFile }[], limit = MAX_PIPELINE_ENTRIES): Promise<Materialised> {
  const metrics = new MetricsRegistry();
  const groups = new Map<string, { labels: Record<string, string>; entries: { ts: number; text: string }[] }>();
  const errors: AppError[] = [];
  let total = 0;
  let over = false;
  const keep = (entries: PipelineEntry[]): void => {
    for (const e of entries) {
      if (total >= limit) {
        over = true;
        return;
      }
      const key = labelsKey(e.labels);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels: { ...e.labels }, entries: [] }));
      g.entries.push({ ts: Number(e.timestampNs / 1_000_000n), text: e.line });
      total++;
    }
  };
  for (const { path, file } of files) {
    await whenIndexed(file);
    const status = file.status();
    if (status.state === 'error') {
      errors.push(status.error);
      continue;
    }
    const built = buildPipeline(job.stages, stageContext(metrics));
    if (!built.ok) throw new AppFailure(appError('bad_input', built.error));
    const pipeline = built.pipeline;
    const n = file.lineCount();
    for (let lo = 0; lo < n && !over; lo += BLOCK) {
      const lines = await file.read(lo, Math.min(n, lo + BLOCK));
      for (const l of lines) {
        const entry: PipelineEntry = { labels: { ...job.labels, filename: path }, extracted: {}, line: l.text, timestampNs: BigInt(Math.round(l.ts)) * 1_000_000n, structuredMetadata: {} };
        keep(pipeline.process(entry).entries);
        if (over) break;
      }
      await yieldToLoop();
    }
    if (!over) keep(pipeline.flush().entries);
    if (over) {
      errors.push(appError('unsupported', `job ${job.name}: the pipeline's output passed ${limit.toLocaleString('en-US')} entries; only the first ones are kept`, { path }));
      break;
    }
  }
  const streams = [...groups.values()].map((g) => ({ labels: g.labels, file: new MemoryLogFile(labelsKey(g.labels), g.entries) }));
  return { streams, metrics, errors };
}

/** One in-memory stream: entries sorted by time (stable), read as an IndexedFile. */
export class MemoryLogFile implements IndexedFile {
  private readonly ts: Float64Array;
  private readonly texts: string[];
  readonly bytesTotal: number;

  constructor(
    readonly path: string,
    entries: { ts: number; text: string }[],
  ) {
    const sorted = entries.map((e, i) => ({ ...e, i })).sort((a, b) => a.ts - b.ts || a.i - b.i);
    this.ts = Float64Array.from(sorted, (e) => e.ts);
    this.texts = sorted.map((e) => e.text);
    this.bytesTotal = this.texts.reduce((n, t) => n + Buffer.byteLength(t) + 1, 0);
  }

  status(): FileStatus {
    return { state: 'ready', bytesTotal: this.bytesTotal };
  }
  lineCount(): number {
    return this.texts.length;
  }
  timeSpan(): { first: number; last: number } | null {
    return this.ts.length ? { first: this.ts[0]!, last: this.ts[this.ts.length - 1]! } : null;
  }
  timestampSource(): 'line' | 'mtime' {
    return 'line';
  }
  assumedYear(): null {
    return null;
  }
  formatName(): string | null {
    return 'promtail';
  }
  async findRange(start: number, end: number): Promise<{ from: number; to: number }> {
    const from = this.firstWhere((t) => t >= start);
    return { from, to: Math.max(from, this.firstWhere((t) => t > end)) };
  }
  private firstWhere(ok: (t: number) => boolean): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (!ok(this.ts[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  async timestampsOf(from: number, to: number): Promise<Float64Array> {
    return this.ts.slice(Math.max(0, from), Math.min(this.ts.length, to));
  }
  async read(from: number, to: number): Promise<DisplayLine[]> {
    const out: DisplayLine[] = [];
    for (let i = Math.max(0, from); i < Math.min(this.texts.length, to); i++) {
      const text = this.texts[i]!;
      out.push({ lineNo: i, ts: this.ts[i]!, level: detectLevel(text) as Level, text, truncated: false, byteLength: Buffer.byteLength(text) });
    }
    return out;
  }
  stats(): IndexStats {
    return { indexBytes: this.ts.byteLength, outOfOrderSamples: 0, samples: 0, workers: [] };
  }
  onChange(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}

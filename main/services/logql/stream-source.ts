/**
 * One stream's entries for a log query, in the query's direction, as arrays of hits: the
 * stream's line range cut into parts scanned on raw bytes by the query workers (two parts
 * for big spans, so both cores work on one big file), drained in order while the later part
 * runs ahead into its buffer. What the workers cannot read — gzip, UTF-16, a followed
 * file's provisional last line, a year-less file whose year turned over — is read here, line
 * by line, through the index (IndexedFile.read), as before.
 */
import type { Labels } from '../../../shared/model/labels';
import { labelsKey } from '../../../shared/model/labels';
import type { PipelineStage } from '../../../shared/logql/ast';
import type { IndexedFile } from '../../adapters/fs';
import type { PartStream, QueryPool } from '../../adapters/workers/query-pool';
import type { QueryJob } from '../../adapters/workers/query-protocol';
import { readLabelRows } from '../../adapters/workers/label-rows';
import type { StreamPipeline } from '../../engines/logql/pipeline';

export interface LocalStream {
  id: string;
  labels: Labels;
  file: IndexedFile;
  bytesTotal: number;
}

/** An entry's label set split as Loki's `categorize-labels` answer groups it (computed once per set). */
export interface Categorized {
  /** labelsKey of `stream`. */
  key: string;
  /** labelsKey of the whole label set, once asked for (see PartHit). */
  fullKey?: string;
  /** The stream's own labels that survived the pipeline. */
  stream: Labels;
  /** The labels the pipeline added or changed, or null. */
  parsed: Labels | null;
}

export interface Hit {
  tsNs: bigint;
  /** The same time in whole ms, when known (its decimal text is cheaper than the BigInt's). */
  tsMs?: number;
  /** labelsKey of the entry's whole label set (the merge's tie-break). */
  key: string;
  line: string;
  cat: Categorized;
  stream: LocalStream;
}

/**
 * A worker's entry: the whole set's key (a merge tie-break, rarely needed) is computed on
 * demand, once per set, and so is the BigInt time (one stream's entries are never compared;
 * the answer prints tsMs).
 */
class PartHit implements Hit {
  private ns: bigint | undefined;
  constructor(
    /** Whole ms, as the workers give them (tsNs is that × 10⁶). */
    readonly tsMs: number,
    readonly line: string,
    readonly cat: Categorized,
    readonly stream: LocalStream,
  ) {}
  get tsNs(): bigint {
    return (this.ns ??= BigInt(this.tsMs) * 1_000_000n);
  }
  get key(): string {
    return (this.cat.fullKey ??= labelsKey({ ...this.cat.stream, ...this.cat.parsed }));
  }
}

const categorized = new WeakMap<object, Categorized>();
/** The split of a label set produced on this thread (worker batches arrive split). */
export function categorize(labels: Labels, streamLabels: Labels): Categorized {
  let c = categorized.get(labels);
  if (!c) {
    const stream: Record<string, string> = {};
    const parsed: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) {
      if (streamLabels[k] === v) stream[k] = v;
      else parsed[k] = v;
    }
    c = { key: labelsKey(stream), stream, parsed: Object.keys(parsed).length ? parsed : null };
    categorized.set(labels, c);
  }
  return c;
}

export interface SourceOptions {
  pool: QueryPool;
  /** Spans below this run in-process (a worker round trip costs more than the scan). */
  inProcessBelow: number;
  /** Spans above this are split in two parts at a line boundary. */
  splitAbove: number;
  chunkBytes: number;
}

export interface ScanCounters {
  lines: number;
  bytes: number;
}

/** Lines read here: per block, one positioned read, and a point to notice a cancel. */
const BLOCK = 1024;

/** What the coordinator tracks of a stream's scan, for progress and the final counts. */
export interface StreamScan {
  hits: AsyncGenerator<Hit[]>;
  parts: PartStream[];
  /** Lines in the parts, for linesScanned. */
  partLines: number[];
  bytesTotal: number;
}

/** A stream's line range as worker parts (byte spans), or null when the workers cannot read it. */
export interface PartPlan {
  spans: { job: Omit<QueryJob, 'direction' | 'stages' | 'limit' | 'chunkBytes'>; lines: number }[];
  /** Lines from here to range.to are not indexed yet (a followed file's provisional last line). */
  hiIndexed: number;
  bytes: number;
}

export async function planParts(s: LocalStream | { labels: Labels; file: IndexedFile }, range: { from: number; to: number }, splitAbove: number): Promise<PartPlan | null> {
  const file = s.file;
  const info = file.scanInfo?.(range.from, range.to) ?? null;
  const span = file.timeSpan();
  const yearTurned = info?.yearless && span && new Date(span.first).getUTCFullYear() !== new Date(span.last).getUTCFullYear();
  if (!info || yearTurned || range.from >= range.to) return null;
  // Indexed lines go to the workers; a followed file's provisional last line is read here.
  const hiIndexed = Math.min(range.to, info.indexedLines);
  const cuts = [range.from];
  if (info.end - info.start > splitAbove && hiIndexed - range.from > 1) cuts.push((range.from + hiIndexed) >>> 1);
  cuts.push(hiIndexed);
  const spans: PartPlan['spans'] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    if (a >= b) continue;
    const sp = k === 0 && b === hiIndexed ? info : file.scanInfo!(a, b)!;
    const seedTs = a === 0 ? (span?.first ?? NaN) : (await file.timestampsOf(a - 1, a))[0]!;
    spans.push({ job: { path: file.path, start: sp.start, end: sp.end, labels: s.labels, sample: info.sample, year: info.year, seedTs, dedupWithPrevious: k > 0 }, lines: b - a });
  }
  return { spans, hiIndexed, bytes: info.end - info.start };
}

export async function openStreamScan(
  s: LocalStream,
  range: { from: number; to: number },
  req: { direction: 'forward' | 'backward'; limit: number; stages: PipelineStage[] },
  pipeline: () => StreamPipeline,
  opts: SourceOptions,
  counters: ScanCounters,
  signal: AbortSignal,
): Promise<StreamScan> {
  const file = s.file;
  const forward = req.direction === 'forward';
  const plan = await planParts(s, range, opts.splitAbove);
  if (!plan) {
    const lines = range.to - range.from;
    return { hits: legacyHits(s, range.from, range.to, forward, pipeline(), counters, signal), parts: [], partLines: [], bytesTotal: lines && file.lineCount() ? (s.bytesTotal * lines) / file.lineCount() : 0 };
  }
  const { hiIndexed } = plan;
  const parts: PartStream[] = [];
  const partLines: number[] = [];
  for (const sp of plan.spans) {
    const job = { ...sp.job, direction: req.direction, stages: req.stages, limit: req.limit, chunkBytes: opts.chunkBytes };
    parts.push(opts.pool.run(job, sp.job.end - sp.job.start < opts.inProcessBelow));
    partLines.push(sp.lines);
  }
  const tail = hiIndexed < range.to ? legacyHits(s, hiIndexed, range.to, forward, pipeline(), counters, signal) : null;
  const ordered = forward ? parts : [...parts].reverse();
  async function* hits(): AsyncGenerator<Hit[]> {
    if (tail && !forward) yield* tail;
    for (const p of ordered) yield* partHits(p, s);
    if (tail && forward) yield* tail;
  }
  return { hits: hits(), parts, partLines, bytesTotal: plan.bytes };
}

async function* partHits(p: PartStream, s: LocalStream): AsyncGenerator<Hit[]> {
  // One object per distinct stream label set across batches, so results group by identity too.
  const streams = new Map<string, Labels>();
  for (;;) {
    const b = p.take();
    if (b) {
      const t = b.labels;
      const sl = t.streams.map(([key, labels]) => {
        let o = streams.get(key);
        if (!o) streams.set(key, (o = labels));
        return { key, stream: o };
      });
      const cats: Categorized[] = readLabelRows(t).map((r) => ({ key: sl[r.stream]!.key, stream: sl[r.stream]!.stream, parsed: r.parsed }));
      const out: Hit[] = new Array(b.n);
      let from = 0;
      for (let i = 0; i < b.n; i++) {
        const row = b.labelIdx[i]!;
        const end = b.ends[i]!;
        const ms = b.ts[i]!;
        out[i] = new PartHit(ms, b.text.slice(from, end), cats[row]!, s);
        from = end;
      }
      yield out;
      continue;
    }
    if (p.error) throw p.error;
    if (p.done) return;
    await p.wait();
  }
}

/** The per-line path through the index (IndexedFile.read), for what the workers cannot read. */
async function* legacyHits(
  s: LocalStream,
  from: number,
  to: number,
  forward: boolean,
  pipeline: StreamPipeline,
  counters: ScanCounters,
  signal: AbortSignal,
): AsyncGenerator<Hit[]> {
  let prevTs = -1n;
  let prevLine = '';
  for (let pos = forward ? from : to; forward ? pos < to : pos > from; pos += forward ? BLOCK : -BLOCK) {
    signal.throwIfAborted();
    const lo = forward ? pos : Math.max(from, pos - BLOCK);
    const hi = forward ? Math.min(to, pos + BLOCK) : pos;
    const lines = await s.file.read(lo, hi);
    if (!forward) lines.reverse();
    const out: Hit[] = [];
    for (const l of lines) {
      counters.lines++;
      counters.bytes += l.byteLength;
      const tsNs = BigInt(Math.trunc(l.ts)) * 1_000_000n;
      // Loki's merge iterator drops an exact duplicate (same time, same line) in a stream.
      if (tsNs === prevTs && l.text === prevLine) continue;
      prevTs = tsNs;
      prevLine = l.text;
      const r = pipeline.process(tsNs, l.text);
      if (r) out.push({ tsNs, key: labelsKey(r.labels), line: r.line, cat: categorize(r.labels, s.labels), stream: s });
    }
    if (out.length) yield out;
  }
}

/**
 * Log queries end to end: stream selection, the pipeline, the [start, end) window, the limit
 * across all streams in direction order (Loki's merge iterator), and grouping by the final
 * label set (a parser or line_format can move entries between output streams).
 *
 * Streaming form: `createLogQueryCollector` takes entries stream by stream, in batches, each
 * stream's entries in ascending time order, and keeps only the best `limit` survivors (a bounded
 * heap), so a caller can feed it from files without materialising them. `push` returns false
 * once that stream can contribute nothing more (forward direction past the limit or the end),
 * so the caller can stop reading it. `runLogQuery` is the whole-input convenience over it.
 */
import type { LogQueryExpr, LogqlError } from '../../../shared/logql/ast';
import type { Labels } from './labels-builder';
import { selectorMatcher } from './matchers';
import { buildPipeline, type Pipeline, type StreamPipeline } from './pipeline';
import type { LogqlPorts } from './ports';

export interface LogEntryIn {
  tsNs: bigint;
  line: string;
}

export interface LogSource {
  streams: { labels: Labels; entries: LogEntryIn[] }[];
}

export interface LogQueryParams {
  startNs: bigint;
  endNs: bigint;
  limit: number;
  direction: 'forward' | 'backward';
}

export interface LokiStream {
  stream: Labels;
  values: [string, string][];
}

export interface LokiStreamsResult {
  resultType: 'streams';
  result: LokiStream[];
}

export type LogQueryOutcome = { ok: true; data: LokiStreamsResult } | { ok: false; error: LogqlError };

interface Kept {
  tsNs: bigint;
  line: string;
  labels: Labels;
  key: string;
  seq: number;
}

function keyOf(labels: Labels): string {
  let s = '{';
  for (const k of Object.keys(labels)) s += `${k}=${JSON.stringify(labels[k])},`;
  return s + '}';
}

/** Bounded selection of the `limit` first entries in direction order; worst at the top. */
class BestN {
  private heap: Kept[] = [];
  constructor(
    private readonly limit: number,
    private readonly before: (a: Kept, b: Kept) => boolean,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  /** Would an entry at this time still get in? (ties are settled by offer). */
  mightTake(tsNs: bigint, forward: boolean): boolean {
    if (this.heap.length < this.limit) return true;
    const worst = this.heap[0]!.tsNs;
    return forward ? tsNs <= worst : tsNs >= worst;
  }

  offer(e: Kept): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push(e);
      this.up(h.length - 1);
    } else if (this.before(e, h[0]!)) {
      h[0] = e;
      this.down(0);
    }
  }

  sorted(): Kept[] {
    return [...this.heap].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  // max-heap on "later in output order"
  private worse(i: number, j: number): boolean {
    return this.before(this.heap[j]!, this.heap[i]!);
  }
  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(l, m)) m = l;
      if (r < h.length && this.worse(r, m)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

export interface LogQueryCollector {
  /** Entries of one stream in ascending time order; false when that stream needs no more input. */
  push(labels: Labels, entries: Iterable<LogEntryIn>): boolean;
  /** Whether this stream is selected by the query (callers may skip reading the others). */
  selects(labels: Labels): boolean;
  result(): LokiStreamsResult;
}

export type CollectorResult = { ok: true; collector: LogQueryCollector } | { ok: false; error: LogqlError };

export function createLogQueryCollector(expr: LogQueryExpr, params: LogQueryParams, ports: LogqlPorts): CollectorResult {
  const selector = selectorMatcher(expr.matchers, ports.regex);
  if (!selector.ok) return { ok: false, error: { message: `parse error : ${selector.error}`, span: expr.span } };
  const built = buildPipeline(expr.stages, ports);
  if (!built.ok) return built;
  const pipeline: Pipeline = built.pipeline;
  const forward = params.direction === 'forward';
  const before = (a: Kept, b: Kept): boolean => {
    if (a.tsNs !== b.tsNs) return forward ? a.tsNs < b.tsNs : a.tsNs > b.tsNs;
    if (a.key !== b.key) return a.key < b.key;
    return forward ? a.seq < b.seq : a.seq > b.seq;
  };
  const best = new BestN(Math.max(0, Math.floor(params.limit)), before);
  const streamPipelines = new Map<string, StreamPipeline | null>();
  let seq = 0;
  const pipelineFor = (labels: Labels): StreamPipeline | null => {
    const key = keyOf(labels);
    let sp = streamPipelines.get(key);
    if (sp === undefined) {
      sp = selector.value(labels) ? pipeline.forStream(labels) : null;
      streamPipelines.set(key, sp);
    }
    return sp;
  };
  const collector: LogQueryCollector = {
    selects: (labels) => pipelineFor(labels) !== null,
    push(labels, entries) {
      const sp = pipelineFor(labels);
      if (!sp) return false;
      let prev: LogEntryIn | null = null;
      for (const e of entries) {
        if (e.tsNs >= params.endNs) return false;
        if (e.tsNs < params.startNs) continue;
        // Loki's merge iterator drops an exact duplicate (same time, same line) of a stream.
        if (prev && prev.tsNs === e.tsNs && prev.line === e.line) continue;
        prev = e;
        if (forward && !best.mightTake(e.tsNs, true)) return false;
        const out = sp.process(e.tsNs, e.line);
        seq++;
        if (!out) continue;
        best.offer({ tsNs: e.tsNs, line: out.line, labels: out.labels, key: keyOf(out.labels), seq });
      }
      return true;
    },
    result() {
      const groups = new Map<string, LokiStream>();
      for (const e of best.sorted()) {
        let g = groups.get(e.key);
        if (!g) {
          g = { stream: e.labels, values: [] };
          groups.set(e.key, g);
        }
        g.values.push([e.tsNs.toString(), e.line]);
      }
      return { resultType: 'streams', result: [...groups.values()] };
    },
  };
  return { ok: true, collector };
}

/** Runs a log query over in-memory streams (each stream's entries in ascending time order). */
export function runLogQuery(expr: LogQueryExpr, source: LogSource, params: LogQueryParams, ports: LogqlPorts): LogQueryOutcome {
  const c = createLogQueryCollector(expr, params, ports);
  if (!c.ok) return c;
  for (const s of source.streams) c.collector.push(s.labels, s.entries);
  return { ok: true, data: c.collector.result() };
}

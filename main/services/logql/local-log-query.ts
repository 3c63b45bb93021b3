import type { LogQueryEvent, LokiStream } from '../../../shared/contract/logql';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { LogQueryExpr } from '../../../shared/logql/ast';
import { re2Port } from '../../adapters/re2/re2-port';
import { QueryPool } from '../../adapters/workers/query-pool';
import { selectorMatcher } from '../../engines/logql/matchers';
import { buildPipeline } from '../../engines/logql/pipeline';
import { mergeByTime } from './entry-merge';
import { logqlPorts, parseQuery } from './logql-ports';
import { openStreamScan, type Hit, type LocalStream, type SourceOptions, type StreamScan } from './stream-source';

export type { LocalStream } from './stream-source';

export interface LogQueryRequest {
  query: string;
  start?: number | undefined;
  end?: number | undefined;
  limit: number;
  direction: 'forward' | 'backward';
}

const BATCH_ENTRIES = 250;
const TICK_MS = 100;

let sharedPool: QueryPool | null = null;
/** The process's query workers (two: one per core here), started on first use. */
export function queryPool(): QueryPool {
  return (sharedPool ??= new QueryPool(2));
}

export function defaultSourceOptions(): SourceOptions {
  return { pool: queryPool(), inProcessBelow: 256 * 1024, splitAbove: 16 * 1024 * 1024, chunkBytes: 4 * 1024 * 1024 };
}
/** A query failure positioned in the user's text, as the editor and the CLI show it. */
function queryFailure(message: string, from: number): AppFailure {
  return new AppFailure(appError('bad_input', message, { offset: from, column: from + 1, line: 1 }));
}

/** Parses and checks the query and the request as Loki's HTTP layer would. */
export function prepareLogQuery(req: LogQueryRequest): LogQueryExpr {
  const parsed = parseQuery(req.query);
  if (!parsed.ok) throw queryFailure(parsed.error.message, parsed.error.span.from);
  if (parsed.expr.kind !== 'logQuery') {
    throw new AppFailure(appError('unsupported', 'metric queries over local files are not supported yet; run a log query (a selector and its pipeline)'));
  }
  if (req.start !== undefined && req.end !== undefined && req.end <= req.start) {
    throw new AppFailure(appError('bad_input', 'end timestamp must not be before or equal to start time'));
  }
  return parsed.expr;
}

/**
 * A LogQL log query over local files, as Loki answers it: streams chosen by the selector,
 * lines in [start, end) read in the query's direction, the pipeline per stream, the first
 * `limit` entries across streams. Scanning runs in the query workers (stream-source.ts);
 * this thread merges their already-filtered entries and streams them in final order, in
 * batches, with progress. A cancel terminates the workers; reaching the limit stops them.
 */
export async function* runLocalLogQuery(
  req: LogQueryRequest,
  all: LocalStream[],
  signal: AbortSignal,
  options: SourceOptions = defaultSourceOptions(),
): AsyncGenerator<LogQueryEvent> {
  const started = Date.now();
  const expr = prepareLogQuery(req);
  const select = selectorMatcher(expr.matchers, re2Port);
  if (!select.ok) throw queryFailure(`parse error : ${select.error}`, expr.span.from);
  const built = buildPipeline(expr.stages, logqlPorts);
  if (!built.ok) throw queryFailure(built.error.message, built.error.span.from);
  const pipeline = built.pipeline;
  const streams = all.filter((s) => select.value(s.labels));
  signal.throwIfAborted();

  const startMs = req.start ?? -Infinity;
  // Loki's end is exclusive; the index holds whole milliseconds and its ranges are inclusive.
  const lastMs = req.end === undefined ? Infinity : Math.ceil(req.end) - 1;
  const counters = { lines: 0, bytes: 0 };
  const scans: StreamScan[] = [];
  const parts = () => scans.flatMap((x) => x.parts);
  const onAbort = (): void => options.pool.abort(parts());
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (const s of streams) {
      const range = await s.file.findRange(startMs, lastMs);
      signal.throwIfAborted();
      const q = { direction: req.direction, limit: req.limit, stages: expr.stages };
      scans.push(await openStreamScan(s, range, q, () => pipeline.forStream(s.labels), options, counters, signal));
    }
    const bytesTotal = scans.reduce((n, x) => n + x.bytesTotal, 0);
    const bytesDone = (): number => counters.bytes + parts().reduce((n, p) => n + p.bytesDone, 0);
    let reported = 0;
    const progress = (): LogQueryEvent => ({ kind: 'progress', bytesDone: (reported = Math.max(reported, Math.min(bytesTotal, bytesDone()))), bytesTotal, streamsMatched: streams.length });

    let batch = new Map<string, LokiStream>();
    let inBatch = 0;
    let emitted = 0;
    let lastTick = Date.now();
    yield progress();
    outer: for await (const hits of mergeByTime(scans.map((x) => x.hits), req.direction)) {
      signal.throwIfAborted();
      for (const hit of hits) {
        addEntry(batch, hit);
        inBatch++;
        emitted++;
        if (inBatch >= BATCH_ENTRIES || emitted >= req.limit) {
          yield { kind: 'streams', result: [...batch.values()] };
          batch = new Map();
          inBatch = 0;
        }
        if (emitted >= req.limit) break outer;
      }
      const now = Date.now();
      if (now - lastTick >= TICK_MS) {
        if (inBatch > 0) yield { kind: 'streams', result: [...batch.values()] };
        yield progress();
        batch = new Map();
        inBatch = 0;
        lastTick = now;
      }
    }
    if (inBatch > 0) yield { kind: 'streams', result: [...batch.values()] };
    for (const p of parts()) p.cancel(); // the limit is reached: nothing more is needed
    yield progress();
    yield { kind: 'done', linesScanned: linesScanned(scans, counters), bytesScanned: bytesDone(), elapsedMs: Date.now() - started, limitReached: emitted >= req.limit };
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (signal.aborted) options.pool.abort(parts());
    else for (const p of parts()) p.cancel();
  }
}

/** Lines of the parts scanned to the end, exactly (from the index); of a part stopped early, pro rata of its bytes. */
function linesScanned(scans: StreamScan[], counters: { lines: number }): number {
  let n = counters.lines;
  for (const x of scans) {
    x.parts.forEach((p, k) => {
      const lines = x.partLines[k]!;
      const bytes = p.job.end - p.job.start;
      n += p.complete || bytes === 0 ? lines : Math.round((lines * Math.min(bytes, p.bytesDone)) / bytes);
    });
  }
  return n;
}

/** Groups an entry by its stream labels, as Loki's `categorize-labels` answer does (split computed once per label set). */
function addEntry(batch: Map<string, LokiStream>, hit: Hit): void {
  const c = hit.cat;
  let s = batch.get(c.key);
  if (!s) batch.set(c.key, (s = { stream: c.stream, values: [] }));
  const ts = hit.tsMs !== undefined && hit.tsMs !== 0 && Number.isSafeInteger(hit.tsMs) ? `${hit.tsMs}000000` : hit.tsNs.toString();
  s.values.push(c.parsed ? [ts, hit.line, { parsed: c.parsed }] : [ts, hit.line]);
}

import type { LogQueryEvent, LokiStream } from '../../../shared/contract/logql';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { labelsKey, type Labels } from '../../../shared/model/labels';
import type { LogQueryExpr } from '../../../shared/logql/ast';
import { re2Port } from '../../adapters/re2/re2-port';
import type { IndexedFile } from '../../adapters/fs';
import { selectorMatcher } from '../../engines/logql/matchers';
import { buildPipeline, type StreamPipeline } from '../../engines/logql/pipeline';
import { mergeByTime } from './entry-merge';
import { logqlPorts, parseQuery } from './logql-ports';

export interface LocalStream {
  id: string;
  labels: Labels;
  file: IndexedFile;
  bytesTotal: number;
}

export interface LogQueryRequest {
  query: string;
  start?: number | undefined;
  end?: number | undefined;
  limit: number;
  direction: 'forward' | 'backward';
}

interface Hit {
  tsNs: bigint;
  key: string;
  line: string;
  labels: Labels;
  stream: LocalStream;
}

/** Lines read from a file at once: one positioned read, and a point to notice a cancel. */
const BLOCK = 1024;
const BATCH_ENTRIES = 250;
const TICK_MS = 100;

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
 * `limit` entries across streams. Entries leave in final order, in batches, with progress.
 */
export async function* runLocalLogQuery(req: LogQueryRequest, all: LocalStream[], signal: AbortSignal): AsyncGenerator<LogQueryEvent> {
  const started = Date.now();
  const expr = prepareLogQuery(req);
  const select = selectorMatcher(expr.matchers, re2Port);
  if (!select.ok) throw queryFailure(`parse error : ${select.error}`, expr.span.from);
  const built = buildPipeline(expr.stages, logqlPorts);
  if (!built.ok) throw queryFailure(built.error.message, built.error.span.from);
  const streams = all.filter((s) => select.value(s.labels));

  const startMs = req.start ?? -Infinity;
  // Loki's end is exclusive; the index holds whole milliseconds and its ranges are inclusive.
  const lastMs = req.end === undefined ? Infinity : Math.ceil(req.end) - 1;
  const counters = { lines: 0, bytes: 0 };
  const ranges = streams.map((s) => ({ s, ...s.file.linesInRange(startMs, lastMs) }));
  const bytesTotal = ranges.reduce((n, r) => n + (r.s.file.lineCount() ? (r.s.bytesTotal * (r.to - r.from)) / r.s.file.lineCount() : 0), 0);

  async function* entries(r: (typeof ranges)[number]): AsyncGenerator<Hit> {
    const pipeline: StreamPipeline = built.ok ? built.pipeline.forStream(r.s.labels) : (undefined as never);
    const forward = req.direction === 'forward';
    let prevTs = -1n;
    let prevLine = '';
    for (let pos = forward ? r.from : r.to; forward ? pos < r.to : pos > r.from; pos += forward ? BLOCK : -BLOCK) {
      signal.throwIfAborted();
      const lo = forward ? pos : Math.max(r.from, pos - BLOCK);
      const hi = forward ? Math.min(r.to, pos + BLOCK) : pos;
      const lines = await r.s.file.read(lo, hi);
      if (!forward) lines.reverse();
      for (const l of lines) {
        counters.lines++;
        counters.bytes += l.byteLength;
        const tsNs = BigInt(Math.trunc(l.ts)) * 1_000_000n;
        // Loki's merge iterator drops an exact duplicate (same time, same line) in a stream.
        if (tsNs === prevTs && l.text === prevLine) continue;
        prevTs = tsNs;
        prevLine = l.text;
        const out = pipeline.process(tsNs, l.text);
        if (out) yield { tsNs, key: labelsKey(out.labels), line: out.line, labels: out.labels, stream: r.s };
      }
    }
  }

  const merged = mergeByTime(ranges.map((r) => entries(r)), req.direction);
  let batch = new Map<string, LokiStream>();
  let inBatch = 0;
  let emitted = 0;
  let lastTick = Date.now();
  const progress = (): LogQueryEvent => ({ kind: 'progress', bytesDone: counters.bytes, bytesTotal, streamsMatched: streams.length });
  yield progress();
  for await (const hit of merged) {
    addEntry(batch, hit);
    inBatch++;
    emitted++;
    const now = Date.now();
    if (inBatch >= BATCH_ENTRIES || now - lastTick >= TICK_MS || emitted >= req.limit) {
      yield { kind: 'streams', result: [...batch.values()] };
      yield progress();
      batch = new Map();
      inBatch = 0;
      lastTick = now;
    }
    if (emitted >= req.limit) break;
  }
  if (inBatch > 0) yield { kind: 'streams', result: [...batch.values()] };
  yield progress();
  yield { kind: 'done', linesScanned: counters.lines, bytesScanned: counters.bytes, elapsedMs: Date.now() - started, limitReached: emitted >= req.limit };
}

/**
 * Groups an entry as Loki's `categorize-labels` answer does: the stream's own labels that
 * survived the pipeline as `stream`, the labels the pipeline added or changed as `parsed`.
 */
function addEntry(batch: Map<string, LokiStream>, hit: Hit): void {
  const stream: Record<string, string> = {};
  const parsed: Record<string, string> = {};
  for (const [k, v] of Object.entries(hit.labels)) {
    if (hit.stream.labels[k] === v) stream[k] = v;
    else parsed[k] = v;
  }
  const key = labelsKey(stream);
  let s = batch.get(key);
  if (!s) batch.set(key, (s = { stream, values: [] }));
  s.values.push(Object.keys(parsed).length ? [hit.tsNs.toString(), hit.line, { parsed }] : [hit.tsNs.toString(), hit.line]);
}

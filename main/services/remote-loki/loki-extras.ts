/**
 * What a Loki connection offers beyond queries: live tail, the lines around an entry (log
 * context), detected fields and patterns, in the contract's shapes (shared/contract/loki.ts).
 */
import type { LogContext, LokiTailEvent, PatternInfo, DetectedFieldInfo } from '../../../shared/contract/loki';
import type { LokiStream } from '../../../shared/contract/logql';
import type { Labels } from '../../../shared/model/labels';
import { quoteGo } from '../../../shared/logql/go-strings';
import { msToNs, nsToMs, type LokiClient } from '../../adapters/loki';

export async function* remoteTail(client: LokiClient, input: { query: string; start?: number | undefined; limit?: number | undefined; delayFor?: number | undefined }, signal: AbortSignal): AsyncGenerator<LokiTailEvent> {
  for await (const frame of client.tail({ query: input.query, start: input.start, limit: input.limit, delayFor: input.delayFor }, { signal })) {
    if (frame.streams.length) yield { kind: 'streams', result: frame.streams };
    if (frame.dropped.length) {
      const newest = frame.dropped.reduce((a, d) => (compareNs(d.timestamp, a) > 0 ? d.timestamp : a), frame.dropped[0]!.timestamp);
      yield { kind: 'dropped', count: frame.dropped.length, newest };
    }
  }
}

const compareNs = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

/** A stream selector matching exactly these labels (Go-quoted values, as Loki prints them). */
export function selectorOf(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${quoteGo(labels[n]!)}`).join(', ')}}`;
}

/** How far from the entry the context looks on each side, as Grafana's log context (2 h). */
export const CONTEXT_WINDOW_MS = 2 * 3600_000;

export interface ContextRequest {
  stream: Labels;
  ts: string;
  line: string;
  before: number;
  after: number;
}

/**
 * Grafana's log context: two queries on the entry's stream selector. Before: backward, end at
 * the entry (exclusive in Loki), `before` entries. After: forward from the entry's time
 * (inclusive: entries sharing its time come after it), `after` + 1 entries, the entry itself
 * removed. Both sides come back oldest first.
 */
export async function remoteContext(client: LokiClient, req: ContextRequest, signal: AbortSignal): Promise<LogContext> {
  const query = selectorOf(req.stream);
  const atMs = nsToMs(req.ts);
  const tsNs = BigInt(req.ts);
  const [before, after] = await Promise.all([
    req.before === 0
      ? null
      : client.queryRange({ query, start: msToNs(Math.max(0, atMs - CONTEXT_WINDOW_MS)), end: req.ts, limit: req.before, direction: 'backward' }, { signal }),
    req.after === 0
      ? null
      : client.queryRange({ query, start: req.ts, end: (tsNs + BigInt(CONTEXT_WINDOW_MS) * 1_000_000n).toString(), limit: req.after + 1, direction: 'forward' }, { signal }),
  ]);
  const streamsOf = (a: typeof before): LokiStream[] => (a && a.data.resultType === 'streams' ? a.data.result : []);
  return {
    before: oldestFirst(streamsOf(before)),
    after: oldestFirst(withoutEntry(streamsOf(after), req.ts, req.line)),
  };
}

function withoutEntry(streams: LokiStream[], ts: string, line: string): LokiStream[] {
  let removed = false;
  const out = streams.map((s) => ({
    stream: s.stream,
    values: s.values.filter((v) => {
      if (removed || v[0] !== ts || v[1] !== line) return true;
      removed = true;
      return false;
    }),
  }));
  // Not found (the line changed under a line_format?): drop the newest extra entry instead.
  if (!removed) {
    const all = out.flatMap((s, i) => s.values.map((v, j) => ({ i, j, ts: v[0] })));
    const last = all.sort((a, b) => compareNs(a.ts, b.ts)).pop();
    if (last) out[last.i]!.values.splice(last.j, 1);
  }
  return out.filter((s) => s.values.length > 0);
}

function oldestFirst(streams: LokiStream[]): LokiStream[] {
  return streams.map((s) => ({ stream: s.stream, values: [...s.values].sort((a, b) => compareNs(a[0], b[0])) }));
}

export async function remoteDetectedFields(client: LokiClient, input: { query: string; start: number; end: number; limit?: number | undefined }, signal: AbortSignal): Promise<{ fields: DetectedFieldInfo[] }> {
  const fields = await client.detectedFields({ query: input.query, start: input.start, end: input.end, limit: input.limit }, { signal });
  return { fields: fields.map((f) => ({ label: f.label, type: f.type, cardinality: f.cardinality, parsers: f.parsers ?? [] })) };
}

/** Patterns with their samples in epoch ms, most frequent first. */
export async function remotePatterns(client: LokiClient, input: { query: string; start: number; end: number; step?: number | undefined }, signal: AbortSignal): Promise<{ patterns: PatternInfo[] }> {
  const step = input.step === undefined ? undefined : `${input.step}s`;
  const patterns = await client.patterns({ query: input.query, start: input.start, end: input.end, step }, { signal });
  const out = patterns.map((p) => ({
    pattern: p.pattern,
    level: p.level ?? null,
    samples: p.samples.map(([t, n]): [number, number] => [t * 1000, n]),
    total: p.samples.reduce((n, [, c]) => n + c, 0),
  }));
  return { patterns: out.sort((a, b) => b.total - a.total) };
}

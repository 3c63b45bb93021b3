/**
 * What a Loki connection offers beyond queries: live tail, the lines around an entry (log
 * context), detected fields and patterns, in the contract's shapes (shared/contract/loki.ts).
 */
import type { LogContext, LokiTailEvent, PatternInfo, DetectedFieldInfo } from '../../../shared/contract/loki';
import type { LokiStream } from '../../../shared/contract/logql';
import type { Labels } from '../../../shared/model/labels';
import { quoteGo } from '../../../shared/logql/go-strings';
import { msToNs, nsToMs, type LokiClient, type QueryAnswer } from '../../adapters/loki';

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
 * Grafana's log context: two queries on the entry's stream selector. Before: backward, ending
 * at the entry (Loki's end is exclusive), `before` entries. After: forward from the entry's time
 * (inclusive), split at the entry itself: entries of the same time that Loki lists before it
 * join the "before" side, the rest are the "after" side. Both sides oldest first; entries of
 * one time in Loki's order.
 */
export async function remoteContext(client: LokiClient, req: ContextRequest, signal: AbortSignal): Promise<LogContext> {
  const atMs = nsToMs(req.ts);
  const tsNs = BigInt(req.ts);
  const query = selectorOf(await indexedLabels(client, req.stream, atMs, signal));
  const [before, after] = await Promise.all([
    req.before === 0
      ? null
      : client.queryRange({ query, start: msToNs(Math.max(0, atMs - CONTEXT_WINDOW_MS)), end: req.ts, limit: req.before, direction: 'backward' }, { signal }),
    // Room for entries sharing the entry's time that Loki lists before it.
    client.queryRange({ query, start: req.ts, end: (tsNs + BigInt(CONTEXT_WINDOW_MS) * 1_000_000n).toString(), limit: Math.min(5000, req.after + 1 + Math.max(req.before, 100)), direction: 'forward' }, { signal }),
  ]);
  const older = entriesOf(before, 'backward');
  const newer = entriesOf(after, 'forward');
  const at = newer.findIndex((e) => e.value[0] === req.ts && e.value[1] === req.line);
  const earlier = at >= 0 ? newer.slice(0, at) : newer.filter((e) => compareNs(e.value[0], req.ts) < 0);
  const later = at >= 0 ? newer.slice(at + 1) : newer.filter((e) => compareNs(e.value[0], req.ts) >= 0);
  return { before: req.before === 0 ? [] : regroup([...older, ...earlier].slice(-req.before)), after: regroup(later.slice(0, req.after)) };
}

/**
 * The entry's labels that select streams. Without Loki's categorize-labels, an answer's stream
 * labels include those its parsers extracted (`| json level`), which select nothing: keep the
 * names Loki indexes around that time (Grafana does the same). All of them if none is indexed.
 */
async function indexedLabels(client: LokiClient, labels: Labels, atMs: number, signal: AbortSignal): Promise<Labels> {
  const names = new Set(await client.labels({ start: Math.max(0, atMs - CONTEXT_WINDOW_MS), end: atMs + CONTEXT_WINDOW_MS }, { signal }));
  const kept = Object.fromEntries(Object.entries(labels).filter(([n]) => names.has(n)));
  return Object.keys(kept).length ? kept : labels;
}

type Flat = { stream: Labels; value: LokiStream['values'][number] };

/** An answer's entries oldest first; entries of one time in the answer's own order. */
function entriesOf(answer: QueryAnswer | null, direction: 'forward' | 'backward'): Flat[] {
  if (!answer || answer.data.resultType !== 'streams') return [];
  const flat = answer.data.result.flatMap((s) => s.values.map((value) => ({ stream: s.stream, value })));
  const order = flat.map((e, i) => ({ e, i }));
  order.sort((a, b) => compareNs(a.e.value[0], b.e.value[0]) || (direction === 'forward' ? a.i - b.i : b.i - a.i));
  return order.map((o) => o.e);
}

/** Consecutive entries of one stream as one stream object (Loki's shape). */
function regroup(entries: Flat[]): LokiStream[] {
  const out: LokiStream[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && last.stream === e.stream) last.values.push(e.value);
    else out.push({ stream: e.stream, values: [e.value] });
  }
  return out;
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

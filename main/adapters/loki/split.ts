/**
 * query_range over a long span, as sub-queries by time (like Loki's split_queries_by_interval
 * and Grafana's chunked Loki queries), merged into one answer identical to the unsplit one:
 * - log queries: sub-ranges [a, b) aligned to the interval (Loki's end is exclusive), newest
 *   first when backward, each asking only for the entries still missing, stopping at `limit`;
 * - metric queries: the evaluation grid start + k·step cut into runs of whole steps, so each
 *   point is computed once and exactly as the unsplit query would.
 * Progress (done/total, merged answer so far) after each sub-query.
 */
import { parseLogql } from '../../../shared/logql/parse';
import type { LokiStream } from '../../../shared/contract/logql';
import type { QueryRangeParams } from './params';
import type { QueryAnswer, StatsSummary } from './schemas';

export interface SplitOptions {
  signal?: AbortSignal;
  /** Overrides the connection's split interval (ms). */
  intervalMs?: number;
  onProgress?: (p: SplitProgress) => void;
}

export interface SplitProgress {
  done: number;
  total: number;
  /** The merged answer so far (complete when done === total). */
  answer: QueryAnswer;
}

/** A log query's default limit in Loki. */
const DEFAULT_LIMIT = 100;

type RunOne = (p: QueryRangeParams, o: { signal?: AbortSignal }) => Promise<QueryAnswer>;

/** Go/Prometheus durations (`1h30m`, `30s`, `500ms`) or plain seconds → ms; null if neither. */
export function durationMs(text: string | number): number | null {
  if (typeof text === 'number') return text > 0 ? text * 1000 : null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000 || null;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * units[m[2]!]!;
    at = re.lastIndex;
  }
  return at === text.length && total > 0 ? total : null;
}

export type Plan =
  | { kind: 'single' }
  | { kind: 'log'; ranges: Array<[number, number]>; limit: number }
  | { kind: 'metric'; ranges: Array<[number, number]>; stepSeconds: number };

/** How a query_range is cut; `single` when it cannot be (string times, no parse, short span). */
export function planSplit(p: QueryRangeParams, intervalMs: number): Plan {
  if (typeof p.start !== 'number' || typeof p.end !== 'number' || p.end <= p.start) return { kind: 'single' };
  const parsed = parseLogql(p.query);
  if (!parsed.ok) return { kind: 'single' };
  const { start, end } = p;
  if (parsed.expr.kind === 'logQuery') {
    const ranges: Array<[number, number]> = [];
    // Boundaries on multiples of the interval since the epoch, as Loki's frontend cuts.
    for (let a = start; a < end; ) {
      const b = Math.min(end, (Math.floor(a / intervalMs) + 1) * intervalMs);
      ranges.push([a, b]);
      a = b;
    }
    if (ranges.length < 2) return { kind: 'single' };
    return { kind: 'log', ranges: p.direction === 'forward' ? ranges : ranges.reverse(), limit: p.limit ?? DEFAULT_LIMIT };
  }
  // Loki's default step: max(1 s, span / 250), in whole seconds.
  const stepMs = p.step === undefined ? Math.max(1, Math.floor((end - start) / 1000 / 250)) * 1000 : durationMs(p.step);
  if (stepMs === null) return { kind: 'single' };
  const points = Math.floor((end - start) / stepMs) + 1;
  const perChunk = Math.max(1, Math.floor(intervalMs / stepMs));
  if (points <= perChunk) return { kind: 'single' };
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < points; k += perChunk) ranges.push([start + k * stepMs, start + Math.min(points - 1, k + perChunk - 1) * stepMs]);
  return { kind: 'metric', ranges, stepSeconds: stepMs / 1000 };
}

export async function* splitQueryRange(run: RunOne, p: QueryRangeParams, defaultIntervalMs: number, o: SplitOptions = {}): AsyncGenerator<SplitProgress, QueryAnswer> {
  const plan = planSplit(p, o.intervalMs ?? defaultIntervalMs);
  if (plan.kind === 'single') {
    const answer = await run(p, { signal: o.signal });
    yield { done: 1, total: 1, answer };
    return answer;
  }
  const total = plan.ranges.length;
  let merged: QueryAnswer | null = null;
  for (let i = 0; i < total; i++) {
    const [a, b] = plan.ranges[i]!;
    let sub: QueryRangeParams;
    if (plan.kind === 'log') {
      const have = merged?.data.resultType === 'streams' ? countEntries(merged.data.result) : 0;
      sub = { ...p, start: a, end: b, limit: plan.limit - have };
    } else {
      sub = { ...p, start: a, end: b, step: plan.stepSeconds };
    }
    const answer = await run(sub, { signal: o.signal });
    merged = merged ? mergeAnswers(merged, answer, p.direction ?? 'backward', plan.kind === 'log' ? plan.limit : Infinity) : answer;
    const full = plan.kind === 'log' && merged.data.resultType === 'streams' && countEntries(merged.data.result) >= plan.limit;
    // Enough entries: the older (or newer) sub-ranges cannot change the answer.
    yield { done: full ? total : i + 1, total, answer: merged };
    if (full) break;
  }
  return merged!;
}

const countEntries = (streams: LokiStream[]): number => streams.reduce((n, s) => n + s.values.length, 0);
const labelsKey = (l: Record<string, string>): string => JSON.stringify(Object.keys(l).sort().map((k) => [k, l[k]]));

/** Two answers of the same query over neighbouring ranges as one. */
export function mergeAnswers(x: QueryAnswer, y: QueryAnswer, direction: 'forward' | 'backward', limit: number): QueryAnswer {
  const warnings = [...new Set([...x.warnings, ...y.warnings])];
  const stats = mergeStats(x.stats, y.stats);
  if (x.data.resultType === 'streams' && y.data.resultType === 'streams') {
    return { data: { resultType: 'streams', result: mergeStreams([...x.data.result, ...y.data.result], direction, limit) }, warnings, stats };
  }
  if (x.data.resultType === 'matrix' && y.data.resultType === 'matrix') {
    const byKey = new Map<string, { metric: Record<string, string>; values: Array<[number, string]> }>();
    for (const s of [...x.data.result, ...y.data.result]) {
      const key = labelsKey(s.metric);
      const have = byKey.get(key);
      if (have) have.values.push(...s.values);
      else byKey.set(key, { metric: s.metric, values: [...s.values] });
    }
    for (const s of byKey.values()) {
      s.values.sort((a, b) => a[0] - b[0]);
      s.values = s.values.filter((v, i) => i === 0 || v[0] !== s.values[i - 1]![0]);
    }
    return { data: { resultType: 'matrix', result: [...byKey.values()] }, warnings, stats };
  }
  // Different result types cannot come from one query; keep the later answer whole.
  return { ...y, warnings, stats };
}

/**
 * Streams with the same labels joined, entries deduplicated (Loki drops identical
 * timestamp+line pairs too), then the `limit` first entries in the query's direction.
 */
export function mergeStreams(streams: LokiStream[], direction: 'forward' | 'backward', limit: number): LokiStream[] {
  const byKey = new Map<string, { stream: LokiStream['stream']; seen: Set<string>; values: LokiStream['values'] }>();
  for (const s of streams) {
    const key = labelsKey(s.stream);
    let m = byKey.get(key);
    if (!m) byKey.set(key, (m = { stream: s.stream, seen: new Set(), values: [] }));
    for (const v of s.values) {
      const id = `${v[0]}\u0000${v[1]}`;
      if (!m.seen.has(id)) (m.seen.add(id), m.values.push(v));
    }
  }
  const all = [...byKey.values()].flatMap((m, i) => m.values.map((v) => ({ i, v, ns: BigInt(v[0]) })));
  all.sort((a, b) => {
    const c = a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
    return direction === 'forward' ? c : -c;
  });
  const kept = all.slice(0, Number.isFinite(limit) ? limit : all.length);
  const out = [...byKey.values()].map((m) => ({ stream: m.stream, values: [] as LokiStream['values'] }));
  for (const e of kept) out[e.i]!.values.push(e.v);
  return out.filter((s) => s.values.length > 0);
}

function mergeStats(a: StatsSummary | null, b: StatsSummary | null): StatsSummary | null {
  if (!a || !b) return a ?? b;
  const sum = (k: keyof StatsSummary): number | undefined => (a[k] === undefined && b[k] === undefined ? undefined : (a[k] ?? 0) + (b[k] ?? 0));
  return {
    totalBytesProcessed: sum('totalBytesProcessed'),
    totalLinesProcessed: sum('totalLinesProcessed'),
    execTime: sum('execTime'),
    queueTime: sum('queueTime'),
    totalEntriesReturned: sum('totalEntriesReturned'),
  };
}

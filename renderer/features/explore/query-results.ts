import type { LokiStream } from '../../../shared/contract/logql';
import type { Labels } from '../../../shared/model/labels';
import { levelOfName } from '../logs/levels';

/** One entry of a log query's answer, flattened out of its stream. */
export interface ResultRow {
  /** Arrival order: a stable key and the tie-break between equal timestamps. */
  seq: number;
  /** Nanoseconds since the epoch as Loki sends them (a decimal string: beyond 2^53). */
  tsNs: string;
  tsMs: number;
  line: string;
  stream: Labels;
  parsed: Labels | undefined;
  metadata: Labels | undefined;
}

export type Direction = 'backward' | 'forward';

/** Compares decimal nanosecond strings numerically without BigInt (no leading zeros from Loki). */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function nsToMs(ns: string): number {
  return ns.length > 6 ? Number(ns.slice(0, -6)) : 0;
}

/** Appends a `streams` batch to `rows` (mutating it: batches add up to 5000 rows) and returns it. */
export function appendStreams(rows: ResultRow[], streams: readonly LokiStream[]): ResultRow[] {
  for (const s of streams) {
    for (const v of s.values) {
      const extra = v[2];
      rows.push({
        seq: rows.length,
        tsNs: v[0],
        tsMs: nsToMs(v[0]),
        line: v[1],
        stream: s.stream,
        parsed: extra?.parsed && Object.keys(extra.parsed).length ? extra.parsed : undefined,
        metadata: extra?.structuredMetadata && Object.keys(extra.structuredMetadata).length ? extra.structuredMetadata : undefined,
      });
    }
  }
  return rows;
}

/** Newest first for `backward`, oldest first for `forward`, as Loki orders a log answer; stable. */
export function sortRows(rows: readonly ResultRow[], direction: Direction): ResultRow[] {
  const sign = direction === 'backward' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compareNs(a.tsNs, b.tsNs) || a.seq - b.seq);
}

/** The level a row is coloured by: a parsed or stream `level` / `detected_level` label. */
export function rowLevel(row: ResultRow): string {
  const l = row.parsed?.level ?? row.parsed?.detected_level ?? row.metadata?.detected_level ?? row.stream.level ?? row.stream.detected_level ?? '';
  return levelOfName(l);
}

import type { PipelineEntryView, StageTrace } from '../../../shared/contract/pipelines';

export interface Change<T> {
  key: string;
  before?: T;
  after?: T;
}

/** What one stage did to one entry, as a person reads a trace row. */
export interface StageDiff {
  /** The stage kept nothing (dropped or buffered, e.g. multiline holding the line). */
  dropped: boolean;
  /** Entries out (more than one: a flushed multiline buffer). */
  outputs: number;
  labels: Change<string>[];
  extracted: Change<unknown>[];
  metadata: Change<string>[];
  line: { before: string; after: string } | null;
  timestamp: { before: string; after: string } | null;
}

function diffMaps<T>(a: Record<string, T>, b: Record<string, T>, same: (x: T, y: T) => boolean): Change<T>[] {
  const out: Change<T>[] = [];
  for (const [key, after] of Object.entries(b)) {
    if (!(key in a)) out.push({ key, after });
    else if (!same(a[key]!, after)) out.push({ key, before: a[key], after });
  }
  for (const [key, before] of Object.entries(a)) if (!(key in b)) out.push({ key, before });
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

const sameJson = (x: unknown, y: unknown): boolean => x === y || JSON.stringify(x) === JSON.stringify(y);

/** Before vs the first entry after (what the next stage sees). */
export function stageDiff(t: Pick<StageTrace, 'before' | 'after'>): StageDiff {
  const b: PipelineEntryView = t.before;
  const a = t.after[0];
  if (!a) return { dropped: true, outputs: 0, labels: [], extracted: [], metadata: [], line: null, timestamp: null };
  return {
    dropped: false,
    outputs: t.after.length,
    labels: diffMaps(b.labels, a.labels, (x, y) => x === y),
    extracted: diffMaps(b.extracted, a.extracted, sameJson),
    metadata: diffMaps(b.structuredMetadata, a.structuredMetadata, (x, y) => x === y),
    line: a.line === b.line ? null : { before: b.line, after: a.line },
    timestamp: a.timestampNs === b.timestampNs ? null : { before: b.timestampNs, after: a.timestampNs },
  };
}

/** True when the stage changed nothing visible. */
export function isNoop(d: StageDiff): boolean {
  return !d.dropped && d.outputs === 1 && !d.labels.length && !d.extracted.length && !d.metadata.length && !d.line && !d.timestamp;
}

/** Unix ns (decimal string) → ms, exact enough for display. */
export function nsToMs(ns: string): number {
  try {
    return Number(BigInt(ns) / 1_000_000n);
  } catch {
    return NaN;
  }
}

/** Extracted values are any JSON: strings shown bare, the rest as JSON. */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

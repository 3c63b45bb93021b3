/**
 * The per-batch label-set table of a log query part (query-protocol.ts BatchLabels), built in
 * the worker: each distinct label set of the batch once, already split into the stream's own
 * labels and the parsed ones (the whole set's key, needed only for merge ties, is left to the
 * coordinator, which has time to spare). Bounded: the table starts afresh with each batch.
 */
import { labelsKey, type Labels } from '../../../shared/model/labels';
import type { BatchLabels, LabelSetRow } from './query-protocol';

/** labelsKey for a label set whose names are already sorted (LabelsBuilder.toLabels): no sort, no JSON per plain value. */
export function sortedLabelsKey(labels: Labels): string {
  let out = '{';
  let prev = '';
  let first = true;
  for (const k in labels) {
    const v = labels[k]!;
    if ((!first && k <= prev) || /["\\\u0000-\u001f\u007f-\uffff]/.test(v)) return labelsKey(labels);
    out += (first ? '' : ', ') + k + '="' + v + '"';
    prev = k;
    first = false;
  }
  return out + '}';
}

export class LabelRows {
  private rows: LabelSetRow[] = [];
  private streams: [string, Labels][] = [];
  private readonly byKey = new Map<string, number>();
  private readonly streamIds = new Map<string, number>();
  private last: Labels | null = null;
  private lastRow = 0;
  /** Rows of this batch found again by key. */
  private reused = 0;
  private readonly streamNames: string[];

  constructor(private readonly streamLabels: Labels) {
    this.streamNames = Object.keys(streamLabels);
  }

  /** The row of `labels` in the current batch's table. */
  row(labels: Labels): number {
    if (labels === this.last) return this.lastRow;
    let r: number | undefined;
    if (this.rows.length >= 256 && this.reused === 0) {
      // Every entry so far had its own label set (parsed timestamps, ids…): keying them to
      // find repeats costs more than the repeats would save.
      r = this.rows.length;
      this.rows.push(this.categorize(null, labels));
    } else {
      const key = sortedLabelsKey(labels);
      r = this.byKey.get(key);
      if (r === undefined) {
        this.byKey.set(key, (r = this.rows.length));
        this.rows.push(this.categorize(key, labels));
      } else this.reused++;
    }
    this.last = labels;
    return (this.lastRow = r);
  }

  /** The table so far as JSON, and a fresh one for the next batch. */
  take(): string {
    const json = JSON.stringify({ rows: this.rows, streams: this.streams } satisfies BatchLabels);
    this.rows = [];
    this.streams = [];
    this.byKey.clear();
    this.streamIds.clear();
    this.last = null;
    this.reused = 0;
    return json;
  }

  private categorize(key: string | null, labels: Labels): LabelSetRow {
    const sl = this.streamLabels;
    // Common case: every stream label survived unchanged, so the stream part is the stream's labels.
    let all = true;
    for (const k of this.streamNames) if (labels[k] !== sl[k]) all = false;
    const stream: Record<string, string> = {};
    const parsed: Record<string, string> = {};
    let nParsed = 0;
    for (const k in labels) {
      const v = labels[k]!;
      if (sl[k] === v && Object.prototype.hasOwnProperty.call(sl, k)) stream[k] = v;
      else {
        parsed[k] = v;
        nParsed++;
      }
    }
    const streamKey = all && nParsed === 0 && key !== null ? key : sortedLabelsKey(stream);
    let si = this.streamIds.get(streamKey);
    if (si === undefined) {
      this.streamIds.set(streamKey, (si = this.streams.length));
      this.streams.push([streamKey, stream]);
    }
    return { stream: si, parsed: nParsed > 0 ? parsed : null };
  }
}

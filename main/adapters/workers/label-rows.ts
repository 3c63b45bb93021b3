/**
 * The per-batch label-set table of a log query part (query-protocol.ts BatchLabels), built in
 * the worker: each distinct label set of the batch once, already split into the stream's own
 * labels and the parsed ones (the whole set's key, needed only for merge ties, is left to the
 * coordinator, which has time to spare). Bounded: the table starts afresh with each batch.
 *
 * Parsed labels travel flat (names interned per batch, values joined in one string, indexes in
 * typed arrays moved with the batch): a JSON query gives every entry its own label set, and
 * serialising thousands of small objects per batch cost more than the parsing that made them.
 */
import { labelsKey, type Labels } from '../../../shared/model/labels';
import type { BatchLabels } from './query-protocol';

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

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export class LabelRows {
  private rowStream: number[] = [];
  /** Row r's pairs are rowPairs[r] .. rowPairs[r + 1] - 1. */
  private rowPairs: number[] = [0];
  private pairName: number[] = [];
  private valueEnds: number[] = [];
  private values: string[] = [];
  private valueLength = 0;
  private names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private streams: [string, Labels][] = [];
  private readonly byKey = new Map<string, number>();
  private readonly streamIds = new Map<string, number>();
  /** The stream part of a set that kept every stream label unchanged (the same for all such sets), built once. */
  private whole: { key: string; stream: Labels } | null = null;
  /** whole's index in this batch's streams, or -1. */
  private wholeId = -1;
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
    if (this.rowStream.length >= 256 && this.reused === 0) {
      // Every entry so far had its own label set (parsed timestamps, ids…): keying them to
      // find repeats costs more than the repeats would save.
      r = this.rowStream.length;
      this.categorize(null, labels);
    } else {
      const key = sortedLabelsKey(labels);
      r = this.byKey.get(key);
      if (r === undefined) {
        this.byKey.set(key, (r = this.rowStream.length));
        this.categorize(key, labels);
      } else this.reused++;
    }
    this.last = labels;
    return (this.lastRow = r);
  }

  /** The table so far, and a fresh one for the next batch. */
  take(): BatchLabels {
    const t: BatchLabels = {
      streams: this.streams,
      rowStream: Uint32Array.from(this.rowStream),
      rowPairs: Uint32Array.from(this.rowPairs),
      pairName: Uint32Array.from(this.pairName),
      valueEnds: Uint32Array.from(this.valueEnds),
      names: this.names,
      values: this.values.join(''),
    };
    this.rowStream = [];
    this.rowPairs = [0];
    this.pairName = [];
    this.valueEnds = [];
    this.values = [];
    this.valueLength = 0;
    this.names = [];
    this.nameIds.clear();
    this.streams = [];
    this.byKey.clear();
    this.streamIds.clear();
    this.wholeId = -1;
    this.last = null;
    this.reused = 0;
    return t;
  }

  /** Appends the row of `labels`: its stream part (what survived of the stream's labels) and the rest as parsed pairs. */
  private categorize(key: string | null, labels: Labels): void {
    const sl = this.streamLabels;
    let all = true;
    for (const k of this.streamNames) if (labels[k] !== sl[k]) all = false;
    // Common case: every stream label survived unchanged, so the stream part is the stream's labels.
    const stream: Record<string, string> | null = all ? null : {};
    let nParsed = 0;
    for (const k in labels) {
      const v = labels[k]!;
      if (sl[k] === v && hasOwn(sl, k)) {
        if (stream) stream[k] = v;
      } else {
        let id = this.nameIds.get(k);
        if (id === undefined) {
          this.nameIds.set(k, (id = this.names.length));
          this.names.push(k);
        }
        this.pairName.push(id);
        this.values.push(v);
        this.valueEnds.push((this.valueLength += v.length));
        nParsed++;
      }
    }
    this.rowPairs.push(this.pairName.length);
    if (stream === null) {
      if (this.wholeId === -1) {
        if (this.whole === null) {
          const w: Record<string, string> = {};
          for (const k in labels) if (sl[k] === labels[k] && hasOwn(sl, k)) w[k] = labels[k]!;
          this.whole = { key: nParsed === 0 && key !== null ? key : sortedLabelsKey(w), stream: w };
        }
        this.wholeId = this.streamId(this.whole.key, this.whole.stream);
      }
      this.rowStream.push(this.wholeId);
    } else this.rowStream.push(this.streamId(sortedLabelsKey(stream), stream));
  }

  private streamId(key: string, stream: Labels): number {
    let si = this.streamIds.get(key);
    if (si === undefined) {
      this.streamIds.set(key, (si = this.streams.length));
      this.streams.push([key, stream]);
    }
    return si;
  }
}

/** The rows of a batch's table as the coordinator uses them: the stream index, and the parsed labels (null when none). */
export function readLabelRows(t: BatchLabels): { stream: number; parsed: Labels | null }[] {
  const n = t.rowStream.length;
  const out: { stream: number; parsed: Labels | null }[] = new Array(n);
  const { rowPairs, pairName, valueEnds, names, values } = t;
  let from = 0;
  for (let r = 0; r < n; r++) {
    const p0 = rowPairs[r]!;
    const p1 = rowPairs[r + 1]!;
    let parsed: Record<string, string> | null = null;
    if (p1 > p0) {
      parsed = {};
      for (let j = p0; j < p1; j++) {
        const name = names[pairName[j]!]!;
        const end = valueEnds[j]!;
        const value = values.slice(from, end);
        from = end;
        // A plain assignment to __proto__ would set the prototype, not a label.
        if (name === '__proto__') Object.defineProperty(parsed, name, { value, enumerable: true, writable: true, configurable: true });
        else parsed[name] = value;
      }
    }
    out[r] = { stream: t.rowStream[r]!, parsed };
  }
  return out;
}

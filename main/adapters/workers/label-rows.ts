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
import type { LabelsBuilder } from '../../engines/logql/labels-builder';
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

/** A growable Uint32Array, reused batch after batch (a JS number array costs a conversion per batch). */
class U32 {
  private a = new Uint32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** A copy of the values, and empty again. */
  take(): Uint32Array {
    const out = this.a.slice(0, this.n);
    this.n = 0;
    return out;
  }
}

export class LabelRows {
  private readonly rowStream = new U32();
  /** Row r's pairs are rowPairs[r] .. rowPairs[r + 1] - 1. */
  private readonly rowPairs = new U32();
  private readonly pairName = new U32();
  private readonly valueEnds = new U32();
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
  /**
   * Rows keyed before giving up when none repeats (parsed timestamps, ids…: keying them costs
   * more than the repeats would save); fewer after a batch that gave up.
   */
  private tryRows = 256;
  private readonly streamNames: string[];
  /** The current label set, flat (sorted when it comes from a labels builder). */
  private readonly sn: string[] = [];
  private readonly sv: string[] = [];

  constructor(private readonly streamLabels: Labels) {
    this.streamNames = Object.keys(streamLabels);
    this.rowPairs.push(0);
  }

  /** The row of `labels` in the current batch's table. */
  row(labels: Labels): number {
    if (labels === this.last) return this.lastRow;
    let n = 0;
    for (const k in labels) {
      this.sn[n] = k;
      this.sv[n++] = labels[k]!;
    }
    const r = this.rowFlat(n);
    this.last = labels;
    return (this.lastRow = r);
  }

  /**
   * The row of the labels a pipeline left in `lbs`, read without building the object
   * toLabels() would (the same set in the same order: equal names keep the first place and the
   * last value, and `__proto__`, which an object assignment drops, is dropped).
   */
  rowOf(lbs: LabelsBuilder): number {
    if (lbs.unchangedLine) return this.row(lbs.toLabels());
    const names = this.sn;
    const values = this.sv;
    const k = lbs.sortedInto(names, values);
    let n = 0;
    for (let i = 0; i < k; i++) {
      const name = names[i]!;
      if (name === '__proto__') continue;
      if (n > 0 && names[n - 1] === name) values[n - 1] = values[i]!;
      else {
        names[n] = name;
        values[n++] = values[i]!;
      }
    }
    this.last = null;
    return this.rowFlat(n);
  }

  /** The row of the set in the first n of sn/sv: found again by key, or appended. */
  private rowFlat(n: number): number {
    const r = this.rowStream.n;
    if (r >= this.tryRows && this.reused === 0) {
      this.categorize(n);
      return r;
    }
    // Names never hold \u0001 (label names); values are delimited by their length.
    let key = '';
    for (let i = 0; i < n; i++) key += this.sn[i]! + '\u0001' + this.sv[i]!.length + '\u0001' + this.sv[i]!;
    const found = this.byKey.get(key);
    if (found !== undefined) {
      this.reused++;
      return found;
    }
    this.byKey.set(key, r);
    this.categorize(n);
    return r;
  }

  /** The table so far, and a fresh one for the next batch. */
  take(): BatchLabels {
    this.tryRows = this.rowStream.n >= this.tryRows && this.reused === 0 ? 16 : 256;
    const t: BatchLabels = {
      streams: this.streams,
      rowStream: this.rowStream.take(),
      rowPairs: this.rowPairs.take(),
      pairName: this.pairName.take(),
      valueEnds: this.valueEnds.take(),
      names: this.names,
      values: this.values.join(''),
    };
    this.rowPairs.push(0);
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

  /** Appends the row of the set in sn/sv: its stream part (what survived of the stream's labels) and the rest as parsed pairs. */
  private categorize(n: number): void {
    const sl = this.streamLabels;
    const names = this.sn;
    const values = this.sv;
    let same = 0;
    for (let i = 0; i < n; i++) {
      const k = names[i]!;
      const v = values[i]!;
      if (sl[k] === v && hasOwn(sl, k)) {
        same++;
        continue;
      }
      let id = this.nameIds.get(k);
      if (id === undefined) {
        this.nameIds.set(k, (id = this.names.length));
        this.names.push(k);
      }
      this.pairName.push(id);
      this.values.push(v);
      this.valueEnds.push((this.valueLength += v.length));
    }
    this.rowPairs.push(this.pairName.n);
    if (same === this.streamNames.length) {
      // Every stream label survived unchanged: the stream part is the stream's labels.
      if (this.wholeId === -1) {
        this.whole ??= this.streamPart(n);
        this.wholeId = this.streamId(this.whole.key, this.whole.stream);
      }
      this.rowStream.push(this.wholeId);
    } else {
      const p = this.streamPart(n);
      this.rowStream.push(this.streamId(p.key, p.stream));
    }
  }

  /** The stream labels that survived in the set in sn/sv, in its order, and their key. */
  private streamPart(n: number): { key: string; stream: Labels } {
    const sl = this.streamLabels;
    const stream: Record<string, string> = {};
    for (let i = 0; i < n; i++) if (sl[this.sn[i]!] === this.sv[i] && hasOwn(sl, this.sn[i]!)) stream[this.sn[i]!] = this.sv[i]!;
    return { key: sortedLabelsKey(stream), stream };
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

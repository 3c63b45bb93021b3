/**
 * An in-memory series store: one entry per interned label set, samples in growable typed
 * arrays (time in ms, value), staleness markers flagged beside the value (Prometheus writes
 * them as a special NaN; a flag survives every copy, a NaN payload may not). Native histogram
 * samples are stored as an opaque kind (flagged in `hist`, value NaN): queries see that a
 * series has a histogram there, their buckets are out of scope.
 */
import { labelsKey, METRIC_NAME, type Labels } from './labels.js';

/** Prometheus' staleness marker bit pattern (value.StaleNaN), for callers that carry raw values. */
export const STALE_NAN_BITS = 0x7ff0000000000002n;

export interface SeriesMatcher {
  name: string;
  matches(value: string): boolean;
  /** Set for an equality matcher: lets the store answer `__name__="x"` from its name index. */
  equals?: string;
}

/** A read view over one series: samples sorted by time, `stale[i]` set for staleness markers. */
export interface SeriesView {
  labels: Labels;
  key: string;
  length: number;
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array;
  /** Set for native histogram samples (their value is an opaque NaN). */
  hist: Uint8Array;
}

class MemSeries implements SeriesView {
  length = 0;
  t = new Float64Array(16);
  v = new Float64Array(16);
  stale = new Uint8Array(16);
  hist = new Uint8Array(16);
  constructor(readonly labels: Labels, readonly key: string) {}

  append(t: number, v: number, stale: boolean, hist = false): void {
    if (this.length > 0 && t <= this.t[this.length - 1]!) {
      // Out of order or duplicate: Prometheus' head rejects it; a duplicate timestamp overwrites in tests' loads.
      if (t === this.t[this.length - 1]) {
        this.v[this.length - 1] = v;
        this.stale[this.length - 1] = stale ? 1 : 0;
        this.hist[this.length - 1] = hist ? 1 : 0;
      }
      return;
    }
    if (this.length === this.t.length) {
      const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.t = grow(this.t, (n) => new Float64Array(n));
      this.v = grow(this.v, (n) => new Float64Array(n));
      this.stale = grow(this.stale, (n) => new Uint8Array(n));
      this.hist = grow(this.hist, (n) => new Uint8Array(n));
    }
    this.t[this.length] = t;
    this.v[this.length] = v;
    this.stale[this.length] = stale ? 1 : 0;
    this.hist[this.length] = hist ? 1 : 0;
    this.length++;
  }
}

export interface Storage {
  append(labels: Labels, tMs: number, value: number): void;
  appendStale(labels: Labels, tMs: number): void;
  /** A native histogram sample, kept as an opaque kind (no value). */
  appendHistogram(labels: Labels, tMs: number): void;
  /** Series whose labels satisfy every matcher (a missing label is ""), in label order of insertion. */
  select(matchers: readonly SeriesMatcher[]): SeriesView[];
  /** Changes whenever the set of series changes (a series added, the store cleared): selections made at one generation stay valid while it lasts. */
  generation(): number;
  clear(): void;
}

export function createStorage(): Storage {
  let series = new Map<string, MemSeries>();
  /** Series by metric name, in insertion order (a selector almost always names its metric). */
  let byName = new Map<string, MemSeries[]>();
  let generation = 0;
  const get = (labels: Labels): MemSeries => {
    const key = labelsKey(labels);
    let s = series.get(key);
    if (!s) {
      s = new MemSeries(labels, key);
      series.set(key, s);
      generation++;
      const name = valueOf(labels, METRIC_NAME);
      const list = byName.get(name);
      if (list) list.push(s);
      else byName.set(name, [s]);
    }
    return s;
  };
  return {
    append: (labels, t, v) => get(labels).append(t, v, false),
    appendStale: (labels, t) => get(labels).append(t, NaN, true),
    appendHistogram: (labels, t) => get(labels).append(t, NaN, false, true),
    select(matchers) {
      const named = matchers.find((m) => m.name === METRIC_NAME && m.equals !== undefined);
      const candidates: Iterable<MemSeries> = named ? (byName.get(named.equals!) ?? []) : series.values();
      const out: SeriesView[] = [];
      for (const s of candidates) {
        let ok = true;
        for (const m of matchers) {
          if (m !== named && !m.matches(valueOf(s.labels, m.name))) {
            ok = false;
            break;
          }
        }
        if (ok) out.push(s);
      }
      return out;
    },
    generation: () => generation,
    clear() {
      series = new Map();
      byName = new Map();
      generation++;
    },
  };
}

function valueOf(labels: Labels, name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}

/** Index of the first sample with t > after (binary search, from index `lo` on). */
export function firstAfter(s: SeriesView, after: number, lo = 0): number {
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.t[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

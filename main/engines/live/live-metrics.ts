/**
 * The MetricsSink of a live pipeline: what Promtail's /metrics holds, current values only (a
 * live run lasts for days; the log-time history pipeline.run keeps would grow without end).
 * `scrape()` reads it as Prometheus' scrape of Promtail would: one sample per series, histograms
 * as `_bucket{le}`, `_sum`, `_count`. Series expired by max_idle_duration disappear from it
 * (the scraper then writes a staleness marker, as Prometheus does for a vanished series).
 */
import type { Labels, MetricsSink } from '../pipeline/types';

interface Series {
  labels: Labels;
  value: number;
  counts: number[];
  sum: number;
  count: number;
  lastNs: bigint;
}

interface Family {
  kind: 'counter' | 'gauge' | 'histogram';
  buckets: number[];
  series: Map<string, Series>;
}

export interface ScrapedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const keyOf = (labels: Labels): string => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));

/** Go's strconv.FormatFloat(v, 'f', -1, 64) for bucket bounds, as client_golang writes `le`. */
function leText(b: number): string {
  return b === Infinity ? '+Inf' : String(b);
}

export class LiveMetrics implements MetricsSink {
  private readonly families = new Map<string, Family>();

  private family(name: string, kind: Family['kind'], buckets: number[] = []): Family {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = { kind, buckets: [...buckets].sort((a, b) => a - b), series: new Map() }));
    return f;
  }

  private series(f: Family, labels: Labels, atNs: bigint): Series {
    const key = keyOf(labels);
    let s = f.series.get(key);
    if (!s) f.series.set(key, (s = { labels: { ...labels }, value: 0, counts: f.buckets.map(() => 0), sum: 0, count: 0, lastNs: atNs }));
    if (atNs > s.lastNs) s.lastNs = atNs;
    return s;
  }

  counter(name: string, _help: string) {
    const f = this.family(name, 'counter');
    return {
      add: (labels: Labels, v: number, atNs: bigint) => void (this.series(f, labels, atNs).value += v),
      set: (labels: Labels, v: number, atNs: bigint) => void (this.series(f, labels, atNs).value = v),
    };
  }

  gauge(name: string, _help: string) {
    const f = this.family(name, 'gauge');
    return {
      set: (labels: Labels, v: number, atNs: bigint) => void (this.series(f, labels, atNs).value = v),
      add: (labels: Labels, v: number, atNs: bigint) => void (this.series(f, labels, atNs).value += v),
    };
  }

  histogram(name: string, _help: string, buckets: number[]) {
    const f = this.family(name, 'histogram', buckets.length ? buckets : DEFAULT_BUCKETS);
    return {
      observe: (labels: Labels, v: number, atNs: bigint) => {
        const s = this.series(f, labels, atNs);
        s.sum += v;
        s.count++;
        f.buckets.forEach((b, i) => {
          if (v <= b) s.counts[i]!++;
        });
      },
    };
  }

  expire(name: string, idleNs: bigint, nowNs: bigint): void {
    const f = this.families.get(name);
    if (!f) return;
    for (const [key, s] of f.series) if (nowNs - s.lastNs >= idleNs) f.series.delete(key);
  }

  scrape(): ScrapedSample[] {
    const out: ScrapedSample[] = [];
    for (const [name, f] of this.families) {
      for (const s of f.series.values()) {
        if (f.kind !== 'histogram') {
          out.push({ name, labels: { ...s.labels }, value: s.value });
          continue;
        }
        f.buckets.forEach((b, i) => out.push({ name: `${name}_bucket`, labels: { ...s.labels, le: leText(b) }, value: s.counts[i]! }));
        out.push({ name: `${name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
        out.push({ name: `${name}_sum`, labels: { ...s.labels }, value: s.sum });
        out.push({ name: `${name}_count`, labels: { ...s.labels }, value: s.count });
      }
    }
    return out;
  }
}

/**
 * The MetricsSink of a pipeline run: Promtail's custom metrics (and logentry_dropped_lines_total),
 * kept two ways.
 *
 * - Current state, as Promtail's /metrics would expose it after the entries seen so far:
 *   `exposition()` prints the Prometheus text format (families by name, series by label set).
 * - On LOG time: every update is recorded with the entry's timestamp, so `timeline(name)` gives,
 *   per series, the value after each update in timestamp order and `scrape(from, to, step)` the
 *   value Prometheus would have scraped at each scrape instant had Promtail run while the lines
 *   were written (a counter at t counts the matching lines whose timestamp is ≤ t). A series
 *   expired by max_idle_duration (idle on log time) ends there; one created again restarts from
 *   zero, as a counter reset.
 */
import type { Labels, MetricsSink } from './types';

export type MetricKind = 'counter' | 'gauge' | 'histogram';

interface Update {
  atNs: bigint;
  op: 'add' | 'set' | 'observe';
  value: number;
}

interface Series {
  labels: Labels;
  value: number;
  counts: number[];
  sum: number;
  count: number;
  lastNs: bigint;
  updates: Update[];
  endedNs?: bigint;
}

interface Family {
  name: string;
  help: string;
  kind: MetricKind;
  buckets: number[];
  live: Map<string, Series>;
  ended: Series[];
}

/** prometheus.DefBuckets */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface SeriesTimeline {
  /** Sample name: the family's, or `<name>_bucket` / `_sum` / `_count` for histograms. */
  name: string;
  labels: Labels;
  points: { tNs: bigint; value: number }[];
}

const seriesKey = (labels: Labels): string => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));

/** A sample value as Go's Prometheus text encoder writes it. */
export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.keys(labels).sort().map((k) => `${k}="${escapeLabelValue(labels[k]!)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

export class MetricsRegistry implements MetricsSink {
  private readonly families = new Map<string, Family>();

  private family(name: string, help: string, kind: MetricKind, buckets: number[] = []): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { name, help, kind, buckets: [...buckets].sort((a, b) => a - b), live: new Map(), ended: [] };
      this.families.set(name, f);
    }
    return f;
  }

  private series(f: Family, labels: Labels): Series {
    const key = seriesKey(labels);
    let s = f.live.get(key);
    if (!s) {
      s = { labels: { ...labels }, value: 0, counts: f.buckets.map(() => 0), sum: 0, count: 0, lastNs: 0n, updates: [] };
      f.live.set(key, s);
    }
    return s;
  }

  private update(f: Family, labels: Labels, op: Update['op'], value: number, atNs: bigint): void {
    const s = this.series(f, labels);
    if (op === 'add') s.value += value;
    else if (op === 'set') s.value = value;
    else {
      s.sum += value;
      s.count++;
      f.buckets.forEach((b, i) => {
        if (value <= b) s.counts[i]!++;
      });
    }
    if (atNs > s.lastNs) s.lastNs = atNs;
    s.updates.push({ atNs, op, value });
  }

  counter(name: string, help: string) {
    const f = this.family(name, help, 'counter');
    return {
      add: (labels: Labels, value: number, atNs: bigint) => this.update(f, labels, 'add', value, atNs),
      set: (labels: Labels, value: number, atNs: bigint) => this.update(f, labels, 'set', value, atNs),
    };
  }

  gauge(name: string, help: string) {
    const f = this.family(name, help, 'gauge');
    return {
      set: (labels: Labels, value: number, atNs: bigint) => this.update(f, labels, 'set', value, atNs),
      add: (labels: Labels, value: number, atNs: bigint) => this.update(f, labels, 'add', value, atNs),
    };
  }

  histogram(name: string, help: string, buckets: number[]) {
    const f = this.family(name, help, 'histogram', buckets.length ? buckets : DEFAULT_BUCKETS);
    return { observe: (labels: Labels, value: number, atNs: bigint) => this.update(f, labels, 'observe', value, atNs) };
  }

  /** Promtail's HasExpired: a series not updated for idleNs (on log time) is removed. */
  expire(name: string, idleNs: bigint, nowNs: bigint): void {
    const f = this.families.get(name);
    if (!f) return;
    for (const [key, s] of f.live) {
      if (nowNs - s.lastNs >= idleNs) {
        s.endedNs = s.lastNs + idleNs;
        f.ended.push(s);
        f.live.delete(key);
      }
    }
  }

  /** The families defined so far: name, type and help. */
  definitions(): { name: string; kind: MetricKind; help: string }[] {
    return [...this.families.values()].map((f) => ({ name: f.name, kind: f.kind, help: f.help }));
  }

  /** The Prometheus text exposition of the live series (families without series print nothing). */
  exposition(): string {
    const lines: string[] = [];
    for (const f of [...this.families.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (f.live.size === 0) continue;
      lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.kind}`);
      const series = [...f.live.values()].sort((a, b) => (labelText(a.labels) < labelText(b.labels) ? -1 : 1));
      for (const s of series) {
        if (f.kind !== 'histogram') {
          lines.push(`${f.name}${labelText(s.labels)} ${formatSampleValue(s.value)}`);
          continue;
        }
        f.buckets.forEach((b, i) => lines.push(`${f.name}_bucket${labelText(s.labels, ['le', formatSampleValue(b)])} ${s.counts[i]}`));
        lines.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
        lines.push(`${f.name}_sum${labelText(s.labels)} ${formatSampleValue(s.sum)}`);
        lines.push(`${f.name}_count${labelText(s.labels)} ${s.count}`);
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  /** Per series, the value after each update in log-time order (ties keep arrival order). */
  timeline(name: string): SeriesTimeline[] {
    const f = this.families.get(name);
    if (!f) return [];
    const out: SeriesTimeline[] = [];
    for (const s of [...f.ended, ...f.live.values()]) {
      const ups = s.updates.map((u, i) => ({ u, i })).sort((a, b) => (a.u.atNs < b.u.atNs ? -1 : a.u.atNs > b.u.atNs ? 1 : a.i - b.i));
      if (f.kind !== 'histogram') {
        let v = 0;
        const points = ups.map(({ u }) => ({ tNs: u.atNs, value: (v = u.op === 'add' ? v + u.value : u.value) }));
        out.push({ name: f.name, labels: s.labels, points });
        continue;
      }
      const counts = f.buckets.map(() => 0);
      let sum = 0;
      let count = 0;
      const bucketPts = f.buckets.map(() => [] as { tNs: bigint; value: number }[]);
      const inf: { tNs: bigint; value: number }[] = [];
      const sums: { tNs: bigint; value: number }[] = [];
      for (const { u } of ups) {
        sum += u.value;
        count++;
        f.buckets.forEach((b, i) => {
          if (u.value <= b) counts[i]!++;
          bucketPts[i]!.push({ tNs: u.atNs, value: counts[i]! });
        });
        inf.push({ tNs: u.atNs, value: count });
        sums.push({ tNs: u.atNs, value: sum });
      }
      f.buckets.forEach((b, i) => out.push({ name: `${f.name}_bucket`, labels: { ...s.labels, le: formatSampleValue(b) }, points: bucketPts[i]! }));
      out.push({ name: `${f.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, points: inf });
      out.push({ name: `${f.name}_sum`, labels: s.labels, points: sums });
      out.push({ name: `${f.name}_count`, labels: s.labels, points: inf });
    }
    return out;
  }

  /**
   * What a Prometheus scraping every stepNs from fromNs to toNs would have stored: per series, the
   * value at each scrape instant at or after its first update (and before its expiry).
   */
  scrape(name: string, fromNs: bigint, toNs: bigint, stepNs: bigint): SeriesTimeline[] {
    if (stepNs <= 0n) return [];
    const ended = new Map<Labels, bigint | undefined>();
    const f = this.families.get(name);
    for (const s of [...(f?.ended ?? []), ...(f?.live.values() ?? [])]) ended.set(s.labels, s.endedNs);
    return this.timeline(name).map((tl) => {
      const points: { tNs: bigint; value: number }[] = [];
      let j = -1;
      const end = [...ended.entries()].find(([l]) => Object.keys(l).every((k) => l[k] === tl.labels[k]))?.[1];
      for (let t = fromNs; t <= toNs; t += stepNs) {
        while (j + 1 < tl.points.length && tl.points[j + 1]!.tNs <= t) j++;
        if (j >= 0 && (end === undefined || t < end)) points.push({ tNs: t, value: tl.points[j]!.value });
      }
      return { ...tl, points };
    });
  }
}

/**
 * The metrics of a run as Prometheus would have stored them had Promtail run while the lines
 * were written: each series sampled at every scrape instant (multiples of the scrape interval,
 * 15s by default, as Prometheus aligns its scrapes to a fixed grid) from the first scrape at or
 * after the first update to the first scrape at or after the last, the value at t counting the
 * updates whose log time is ≤ t. A long span widens the interval (to a multiple of it) so a
 * series never exceeds MAX_POINTS: a year of logs at 15s would be two million points a series.
 */
import type { MetricKind, MetricsRegistry } from '../../engines/pipeline/metrics-registry';

export const SCRAPE_INTERVAL_MS = 15_000;
export const MAX_POINTS = 11_000;

export interface SampledSeries {
  name: string;
  type: MetricKind;
  labels: Record<string, string>;
  /** [unix seconds, value] */
  points: [number, number][];
}

const ceilTo = (t: bigint, step: bigint): bigint => {
  const r = ((t % step) + step) % step;
  return r === 0n ? t : t - r + step;
};

export function sampleMetrics(registry: MetricsRegistry, intervalMs = SCRAPE_INTERVAL_MS): { series: SampledSeries[]; intervalMs: number } {
  const defs = registry.definitions();
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (const d of defs) {
    for (const tl of registry.timeline(d.name)) {
      for (const p of tl.points) {
        if (min === null || p.tNs < min) min = p.tNs;
        if (max === null || p.tNs > max) max = p.tNs;
      }
    }
  }
  if (min === null || max === null) return { series: [], intervalMs };
  let step = BigInt(intervalMs) * 1_000_000n;
  const spanScrapes = (s: bigint) => (ceilTo(max!, s) - ceilTo(min!, s)) / s + 1n;
  if (spanScrapes(step) > BigInt(MAX_POINTS)) step *= (spanScrapes(step) + BigInt(MAX_POINTS) - 1n) / BigInt(MAX_POINTS);
  const from = ceilTo(min, step);
  const to = ceilTo(max, step);
  const series: SampledSeries[] = [];
  for (const d of defs) {
    for (const tl of registry.scrape(d.name, from, to, step)) {
      series.push({ name: tl.name, type: d.kind, labels: tl.labels, points: tl.points.map((p) => [Number(p.tNs / 1_000_000n) / 1000, p.value]) });
    }
  }
  return { series, intervalMs: Number(step / 1_000_000n) };
}

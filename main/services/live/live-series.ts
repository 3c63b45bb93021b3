/**
 * The live series: Prometheus' side of the run. Every scrape interval, on the wall-clock grid
 * (multiples of the interval), the pipeline's current metric values are appended to an
 * in-memory tsdb at the scrape time — what Prometheus scraping Promtail's /metrics would store;
 * a series that disappeared (expired by max_idle_duration) gets a staleness marker. Rules query
 * it with the PromQL engine and write their output (recording rules, ALERTS) back into it.
 */
import { re2Port } from '../../adapters/re2/re2-port';
import type { OutputSample, Vector } from '../../engines/alerting/types';
import type { LiveMetrics } from '../../engines/live/live-metrics';
import { createPromqlEngine, type PromqlEngine } from '../../engines/promql/engine';
import { labelsFromRecord, labelsKey, type Labels } from '../../engines/tsdb/labels';
import { createStorage, type Storage } from '../../engines/tsdb/storage';

export class LiveSeries {
  readonly storage: Storage = createStorage();
  private readonly engine: PromqlEngine;
  private previous = new Map<string, Labels>();
  scrapes = 0;

  constructor() {
    this.engine = createPromqlEngine(this.storage, { regex: re2Port, lookbackDeltaMs: 5 * 60_000, subqueryStepMs: 60_000 });
  }

  scrape(metrics: LiveMetrics, tMs: number): void {
    const now = new Map<string, Labels>();
    for (const s of metrics.scrape()) {
      const labels = labelsFromRecord({ ...s.labels, __name__: s.name });
      now.set(labelsKey(labels), labels);
      this.storage.append(labels, tMs, s.value);
    }
    for (const [key, labels] of this.previous) if (!now.has(key)) this.storage.appendStale(labels, tMs);
    this.previous = now;
    this.scrapes++;
  }

  query(expr: string, tMs: number): Vector {
    const r = this.engine.instantQuery(expr, tMs);
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    if (v.resultType === 'vector') return v.result.map((s) => ({ labels: s.metric, value: s.value }));
    if (v.resultType === 'scalar') return [{ labels: {}, value: v.result.value }];
    throw new Error(`rule result is not a vector or scalar (got ${v.resultType})`);
  }

  append(samples: OutputSample[]): void {
    for (const s of samples) {
      const labels = labelsFromRecord(s.labels);
      if (s.stale) this.storage.appendStale(labels, s.tMs);
      else this.storage.append(labels, s.tMs, s.value);
    }
  }
}

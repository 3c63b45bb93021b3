/**
 * The series a Promtail pipeline would have exposed, stored as Prometheus would have scraped
 * them, for back-testing PromQL rules on log time. Every line of the chosen streams goes
 * through its job's pipeline (metrics stages record each update at the entry's timestamp);
 * then each series is scraped every 15s on the fixed grid from its first update to the end of
 * the back-test or to where Promtail drops it (max_idle_duration after its last update), with a
 * staleness marker at its first missed scrape, as Prometheus writes one.
 */
import { AppFailure, appError } from '../../../shared/model/app-error';
import { importPipelineConfig } from '../../engines/pipeline-config/index';
import { MetricsRegistry } from '../../engines/pipeline/metrics-registry';
import type { PipelineEntry } from '../../engines/pipeline/types';
import { labelsFromRecord } from '../../engines/tsdb/labels';
import type { Storage } from '../../engines/tsdb/storage';
import type { MetricType } from '../../engines/alerting/lint/types';
import { streamLabels, type LocalStream } from '../pipeline/input-lines';
import { buildJobPipelines } from '../pipeline/run-lines';
import { stageContext } from '../pipeline/stage-context';

export const SCRAPE_INTERVAL_MS = 15_000;
/** Samples kept in the back-test store (two float arrays each: ~16 bytes a sample). */
export const MAX_SAMPLES = 20_000_000;
const BLOCK = 4096;
const MS = 1_000_000n;

export interface PipelineMetrics {
  /** Sample names with their TYPE (a histogram's `_bucket`/`_sum`/`_count` are counters). */
  types: Map<string, MetricType>;
  series: number;
  samples: number;
  lines: number;
}

export type PipelineErrors = { message: string; line: number; column: number }[];

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Parses the pipeline: its positioned errors, or the config. */
export function importPipeline(text: string) {
  return importPipelineConfig(text, stageContext());
}

/** The sample names a pipeline's metrics stages define, with their types (no lines needed); empty when it does not parse. */
export function pipelineMetricTypes(pipelineText: string): Map<string, MetricType> {
  const types = new Map<string, MetricType>();
  const imported = importPipeline(pipelineText);
  if (!imported.ok) return types;
  const registry = new MetricsRegistry();
  try {
    buildJobPipelines(imported.config, registry);
  } catch {
    return types;
  }
  for (const d of registry.definitions()) {
    if (d.kind !== 'histogram') types.set(d.name, d.kind);
    else for (const suffix of ['_bucket', '_sum', '_count']) types.set(d.name + suffix, 'counter');
  }
  return types;
}

export async function loadPipelineMetrics(
  pipelineText: string,
  streams: readonly LocalStream[],
  streamIds: readonly string[],
  range: { fromMs: number; toMs: number },
  storage: Storage,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<PipelineMetrics | { errors: PipelineErrors }> {
  const imported = importPipeline(pipelineText);
  if (!imported.ok) return { errors: imported.errors };
  const registry = new BacktestRegistry();
  const pipelines = buildJobPipelines(imported.config, registry);
  const byId = new Map(streams.map((s) => [s.id, s]));
  const chosen = streamIds.map((id) => {
    const s = byId.get(id);
    if (!s) throw new AppFailure(appError('not_found', `no stream ${id}`));
    return s;
  });
  const total = chosen.reduce((n, s) => n + s.file.lineCount(), 0);
  let lines = 0;
  // Stream by stream: metrics are recorded on log time, so interleaving streams changes nothing.
  for (const s of chosen) {
    const { labels, job } = streamLabels(imported.config, imported.shape, s);
    const n = s.file.lineCount();
    for (let from = 0; from < n; from += BLOCK) {
      signal.throwIfAborted();
      for (const d of await s.file.read(from, Math.min(n, from + BLOCK))) {
        const entry: PipelineEntry = { labels: { ...labels }, extracted: {}, line: d.text, timestampNs: BigInt(Math.round(d.ts)) * MS, structuredMetadata: {} };
        pipelines[job]!.process(entry);
      }
      lines = Math.min(total, lines + BLOCK);
      progress(lines, total);
      await yieldToLoop();
    }
  }
  for (const p of pipelines) p.flush();
  signal.throwIfAborted();
  return scrapeInto(registry, range, storage, lines);
}

/**
 * Remembers each metric's max_idle_duration (the metrics stage passes it with every entry), so
 * the scrape below can end a series where Promtail would have dropped it.
 */
class BacktestRegistry extends MetricsRegistry {
  readonly idleNs = new Map<string, bigint>();
  override expire(name: string, idleNs: bigint, nowNs: bigint): void {
    this.idleNs.set(name, idleNs);
    super.expire(name, idleNs, nowNs);
  }
}

/**
 * Each series (a label set created again after expiring is a new series, from zero) scraped
 * from its first update to where Promtail drops it: max_idle_duration after its last update on
 * log time — Promtail keeps running after the last line, so the last series of a label set
 * ends too — or to the end of the range. A staleness marker follows at the next scrape.
 */
function scrapeInto(registry: BacktestRegistry, range: { fromMs: number; toMs: number }, storage: Storage, lines: number): PipelineMetrics {
  const types = new Map<string, MetricType>();
  const step = BigInt(SCRAPE_INTERVAL_MS) * MS;
  const grid = (ms: number) => BigInt(Math.ceil(ms / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS) * MS;
  const from = grid(range.fromMs);
  const to = grid(range.toMs);
  const onGrid = (t: bigint) => (t <= from ? from : from + ((t - from + step - 1n) / step) * step);
  const plan = registry.definitions().flatMap((d) => {
    const idle = registry.idleNs.get(d.name);
    // A histogram's _bucket, _sum and _count samples only grow: counters to PromQL.
    const type: MetricType = d.kind === 'histogram' ? 'counter' : d.kind;
    return registry.timeline(d.name).flatMap((tl) => {
      types.set(tl.name, type);
      if (tl.points.length === 0) return [];
      const points = [...tl.points].sort((a, b) => (a.tNs < b.tNs ? -1 : a.tNs > b.tNs ? 1 : 0));
      const endNs = idle === undefined ? null : points.at(-1)!.tNs + idle;
      const first = onGrid(points[0]!.tNs);
      const last = endNs === null || endNs > to ? to : endNs - 1n;
      const scrapes = first > last ? 0 : Number((last - first) / step) + 1;
      return [{ tl, points, first, endNs, scrapes }];
    });
  });
  // Counted before anything is stored: a long range over a long-lived counter is many samples.
  const planned = plan.reduce((n, p) => n + p.scrapes, 0);
  if (planned > MAX_SAMPLES) {
    throw new AppFailure(appError('bad_input', `the pipeline's metrics would be ${planned.toLocaleString('en')} samples at the 15s scrape interval over this range, over the back-test limit of ${MAX_SAMPLES.toLocaleString('en')}: shorten the range`));
  }
  let series = 0;
  let samples = 0;
  for (const { tl, points, first, endNs, scrapes } of plan) {
    if (scrapes === 0) continue;
    const labels = labelsFromRecord({ ...tl.labels, __name__: tl.name });
    let j = -1;
    let t = first;
    for (let k = 0; k < scrapes; k++, t += step) {
      while (j + 1 < points.length && points[j + 1]!.tNs <= t) j++;
      if (j >= 0) storage.append(labels, Number(t / MS), points[j]!.value);
    }
    samples += scrapes;
    if (endNs !== null && t <= to) {
      storage.appendStale(labels, Number(t / MS));
      samples++;
    }
    series++;
  }
  return { types, series, samples, lines };
}

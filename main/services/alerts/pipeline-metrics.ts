/**
 * The series a Promtail pipeline would have exposed, stored as Prometheus would have scraped
 * them, for back-testing PromQL rules on log time. Every line of the chosen streams goes
 * through its job's pipeline (metrics stages record each update at the entry's timestamp);
 * then each series is scraped every 15s on the fixed grid from its first update to the end of
 * the back-test — Promtail keeps exposing a counter after the last matching line, so a rule
 * over it keeps seeing its value — and a series that expired (max_idle_duration) gets a
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
  const registry = new MetricsRegistry();
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

function scrapeInto(registry: MetricsRegistry, range: { fromMs: number; toMs: number }, storage: Storage, lines: number): PipelineMetrics {
  const types = new Map<string, MetricType>();
  const step = BigInt(SCRAPE_INTERVAL_MS) * MS;
  const grid = (ms: number) => BigInt(Math.ceil(ms / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS) * MS;
  const from = grid(range.fromMs);
  const to = grid(range.toMs);
  // Counted before anything is built: a long range over a long-lived counter is many samples.
  const onGrid = (t: bigint) => (t <= from ? from : from + ((t - from + step - 1n) / step) * step);
  const plan = registry.definitions().map((d) => {
    const firsts = registry.timeline(d.name).flatMap((tl) => (tl.points.length ? [onGrid(tl.points.reduce((m, p) => (p.tNs < m ? p.tNs : m), tl.points[0]!.tNs))] : []));
    const start = firsts.length ? firsts.reduce((m, t) => (t < m ? t : m)) : from;
    // Each series from its own first scrape to the end (expired ones stop earlier: an upper bound).
    const samples = firsts.reduce((n, f) => n + (f > to ? 0 : Number((to - f) / step) + 1), 0);
    return { d, start, samples };
  });
  const planned = plan.reduce((n, p) => n + p.samples, 0);
  if (planned > MAX_SAMPLES) {
    throw new AppFailure(appError('bad_input', `the pipeline's metrics would be ${planned.toLocaleString('en')} samples at the 15s scrape interval over this range, over the back-test limit of ${MAX_SAMPLES.toLocaleString('en')}: shorten the range`));
  }
  let series = 0;
  let samples = 0;
  for (const { d, start } of plan) {
    for (const tl of registry.scrape(d.name, start, to, step)) {
      // A histogram's _bucket, _sum and _count samples only grow: counters to PromQL.
      types.set(tl.name, d.kind === 'histogram' ? 'counter' : d.kind);
      if (tl.points.length === 0) continue;
      samples += tl.points.length + 1;
      const labels = labelsFromRecord({ ...tl.labels, __name__: tl.name });
      for (const p of tl.points) storage.append(labels, Number(p.tNs / MS), p.value);
      const last = tl.points.at(-1)!.tNs;
      if (last + step <= to) storage.appendStale(labels, Number((last + step) / MS));
      series++;
    }
  }
  return { types, series, samples, lines };
}

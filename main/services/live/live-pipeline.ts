/**
 * The Promtail side of a live run: each followed file's new lines through its job's pipeline
 * (one pipeline instance per job, as Promtail keeps one per scrape config, so multiline, limit
 * and metrics stages see every line), each entry stamped with the time it was read — Promtail's
 * file target does the same; a `timestamp` stage may then set the line's own time. The metrics
 * stages count into a LiveMetrics sink, which the scraper reads as Prometheus scrapes Promtail.
 */
import { AppFailure, appError } from '../../../shared/model/app-error';
import { importPipelineConfig, type ConfigShape, type PipelineConfig } from '../../engines/pipeline-config/index';
import { LiveMetrics } from '../../engines/live/live-metrics';
import { buildPipeline, type Pipeline } from '../../engines/pipeline/runner';
import { jobFor } from '../pipeline/input-lines';
import { stageContext } from '../pipeline/stage-context';

export type PipelineLoad = { ok: true; pipeline: LivePipeline } | { ok: false; errors: { message: string; line: number; column: number }[] };

export class LivePipeline {
  readonly metrics = new LiveMetrics();
  private readonly pipelines: Pipeline[];
  linesIn = 0;
  entriesOut = 0;

  private constructor(private readonly config: PipelineConfig | null, private readonly shape: ConfigShape | null) {
    this.pipelines = (config?.jobs ?? []).map((job) => {
      const built = buildPipeline(job.stages, stageContext(this.metrics));
      if (!built.ok) throw new AppFailure(appError('bad_input', built.error));
      return built.pipeline;
    });
  }

  /** No pipeline text: lines are only counted (LogQL rules read the files themselves). */
  static load(text: string | null): PipelineLoad {
    if (text === null || text.trim() === '') return { ok: true, pipeline: new LivePipeline(null, null) };
    const imported = importPipelineConfig(text, stageContext());
    if (!imported.ok) return { ok: false, errors: imported.errors };
    try {
      return { ok: true, pipeline: new LivePipeline(imported.config, imported.shape) };
    } catch (e) {
      return { ok: false, errors: [{ message: (e as Error).message, line: 1, column: 1 }] };
    }
  }

  /** The labels Promtail would give the file's entries, and which job's pipeline reads it. */
  route(streamLabels: Record<string, string>): { labels: Record<string, string>; job: number } {
    if (!this.config || this.shape !== 'promtail') return { labels: { ...streamLabels }, job: 0 };
    const filename = streamLabels.filename;
    const job = jobFor(this.config, filename);
    const labels = { ...this.config.jobs[job]!.labels };
    if (filename !== undefined) labels.filename = filename;
    return { labels, job };
  }

  push(route: { labels: Record<string, string>; job: number }, lines: readonly string[], readAtMs: number): void {
    this.linesIn += lines.length;
    const p = this.pipelines[route.job];
    if (!p) return;
    const tsNs = BigInt(Math.round(readAtMs)) * 1_000_000n;
    for (const line of lines) {
      // A stage never throws on a line (DESIGN: per-line paths never throw); a bug is contained to its line.
      try {
        this.entriesOut += p.process({ labels: { ...route.labels }, extracted: {}, line, timestampNs: tsNs, structuredMetadata: {} }).entries.length;
      } catch {
        // counted as dropped: the line produced no entry
      }
    }
  }
}

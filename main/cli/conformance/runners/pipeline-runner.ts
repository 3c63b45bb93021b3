// Promtail pipeline cases (shared/conformance/pipeline/README.md): the stages are built from the
// case's YAML with engines/pipeline's buildPipeline (RE2, the template engine with Promtail's
// function map, a metrics registry), each `lines` item is fed as one entry (after `delay_ms` on the
// wall clock, at its read time: RFC3339, `now-<duration>` or now), the pipeline is flushed at the
// end, and compare/pipeline-result judges the entries and the metrics exposition.

import { parse as parseYaml } from 'yaml';
import { goParseDuration } from '../../../engines/logql/go-strconv';
import { MetricsRegistry } from '../../../engines/pipeline/metrics-registry';
import { buildPipeline } from '../../../engines/pipeline/runner';
import type { PipelineEntry, StageContext } from '../../../engines/pipeline/types';
import { stageContext } from '../../../services/pipeline/stage-context';
import { compareEntries, compareMetrics, parseInstantNs, type GotEntry } from '../compare/pipeline-result';
import type { CaseOutcome, CaseRunner } from '../model';
import type { PipelineCase, PipelineLineItem } from '../suites/pipeline-suite';

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** The node stage context (RE2, Promtail's templates, the wall clock), notes collected for the report. */
export function nodeStageContext(metrics = new MetricsRegistry(), notes?: string[]): StageContext {
  return stageContext(metrics, (m) => notes?.push(m));
}

function readTime(text: string | undefined): bigint | string {
  if (text === undefined) return nowNs();
  const rel = /^now-(.+)$/.exec(text);
  if (rel) {
    const d = goParseDuration(rel[1]!);
    return d.ok ? nowNs() - BigInt(Math.round(d.value)) : `bad time ${text}: ${d.error}`;
  }
  return parseInstantNs(text) ?? `bad time ${text}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function runPipelineCase(c: PipelineCase, signal?: AbortSignal): Promise<CaseOutcome> {
  let raw: unknown;
  try {
    raw = parseYaml(c.pipeline_stages);
  } catch (e) {
    return c.expectError !== undefined ? { status: 'passed' } : { status: 'failed', reason: `pipeline_stages is not YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
  const metrics = new MetricsRegistry();
  const built = buildPipeline(raw, nodeStageContext(metrics));
  if (c.expectError !== undefined) {
    if (built.ok) return { status: 'failed', reason: `expected error containing ${JSON.stringify(c.expectError)}, the pipeline was built` };
    return built.error.includes(c.expectError) ? { status: 'passed' } : { status: 'failed', reason: `error ${JSON.stringify(built.error)} does not contain ${JSON.stringify(c.expectError)}` };
  }
  if (!built.ok) return { status: 'failed', reason: `building failed: ${built.error}` };
  const got: PipelineEntry[] = [];
  for (const item of c.lines) {
    const it: PipelineLineItem = typeof item === 'string' ? { line: item } : item;
    if (it.delay_ms) await sleep(it.delay_ms, signal);
    const ts = readTime(it.time ?? c.time);
    if (typeof ts === 'string') return { status: 'failed', reason: ts };
    const entry: PipelineEntry = {
      labels: { ...(it.labels ?? c.labels) },
      extracted: JSON.parse(JSON.stringify(it.extracted_in ?? c.extracted_in ?? {})) as Record<string, unknown>,
      line: it.line,
      timestampNs: ts,
      structuredMetadata: {},
    };
    got.push(...built.pipeline.process(entry).entries);
  }
  got.push(...built.pipeline.flush().entries);
  const expect = c.expect ?? {};
  if (expect.count_range) {
    const [lo, hi] = expect.count_range;
    if (got.length < lo || got.length > hi) return { status: 'failed', reason: `want between ${lo} and ${hi} entries, got ${got.length}` };
  }
  if (expect.entries) {
    const d = compareEntries(expect.entries, got as GotEntry[], expect.order);
    if (d) return { status: 'failed', reason: d };
  }
  if (expect.metrics) {
    const defined = metrics.definitions().map((f) => f.name).filter((n) => !n.startsWith('logentry_'));
    const d = compareMetrics(expect.metrics, metrics.exposition(), defined);
    if (d) return { status: 'failed', reason: d };
  }
  return { status: 'passed' };
}

export const pipelineCaseRunner: CaseRunner<PipelineCase> = {
  run: (c, ctx) => runPipelineCase(c, ctx.signal),
};

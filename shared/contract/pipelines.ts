import { z } from 'zod';
import { procedure } from '../rpc/define';
import { labelsSchema } from './common';

/** A position in the user's YAML: 1-based line and column. */
export const yamlErrorSchema = z.object({ message: z.string(), line: z.number().int(), column: z.number().int() });
export type YamlError = z.infer<typeof yamlErrorSchema>;

const entrySchema = z.object({
  labels: labelsSchema,
  extracted: z.record(z.string(), z.unknown()),
  line: z.string(),
  /** Unix ns as a decimal string. */
  timestampNs: z.string(),
  structuredMetadata: labelsSchema,
});
export type PipelineEntryView = z.infer<typeof entrySchema>;

/** What one stage did to one entry: before and after, or why it dropped it. */
export const stageTraceSchema = z.object({
  stage: z.string(),
  /** Path of nested stages, e.g. "match[0] > regex". */
  path: z.string(),
  before: entrySchema,
  after: z.array(entrySchema),
  notes: z.array(z.string()),
});
export type StageTrace = z.infer<typeof stageTraceSchema>;

export const pipelineRunInputSchema = z.object({
  /** A `pipeline_stages` list, or a whole Promtail config (scrape_configs…). */
  config: z.string().max(1024 * 1024),
  /** Which lines to run it on: the chosen streams, their first `maxLines` lines in range. */
  streamIds: z.array(z.string()).max(1000),
  maxLines: z.number().int().min(1).max(100_000).default(2000),
  /** A line number (index into the input lines) to trace stage by stage. */
  traceLine: z.number().int().min(0).optional(),
});
export type PipelineRunInput = z.input<typeof pipelineRunInputSchema>;

export const pipelineRunSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), errors: z.array(yamlErrorSchema) }),
  z.object({
    ok: z.literal(true),
    input: z.array(z.object({ streamId: z.string(), line: z.string(), timestampNs: z.string() })),
    /** Output entries, each with the index of the input line it came from (-1: flushed buffer). */
    output: z.array(entrySchema.extend({ from: z.number().int() })),
    dropped: z.array(z.object({ from: z.number().int(), stage: z.string(), reason: z.string() })),
    trace: z.array(stageTraceSchema).nullable(),
    /** Every metric the pipeline defines, sampled on log time at the scrape interval. */
    metrics: z.array(z.object({ name: z.string(), type: z.enum(['counter', 'gauge', 'histogram']), labels: labelsSchema, points: z.array(z.tuple([z.number(), z.number()])) })),
    /** Prometheus exposition text of the metrics at the end. */
    exposition: z.string(),
  }),
]);
export type PipelineRun = z.infer<typeof pipelineRunSchema>;

export const pipelinesContract = {
  /** Runs a pipeline on the lines of the chosen streams, as Promtail would. */
  'pipeline.run': procedure(pipelineRunInputSchema, pipelineRunSchema),
  /** Exports a pipeline as a Promtail config or a Grafana Alloy `loki.process` block. */
  'pipeline.export': procedure(z.object({ config: z.string().max(1024 * 1024), format: z.enum(['promtail', 'alloy']) }), z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), text: z.string() }), z.object({ ok: z.literal(false), errors: z.array(yamlErrorSchema) })])),
};

import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs, labelsSchema } from './common';

/** A sample as Loki and Prometheus print it: [unix seconds, "value"]. */
export const samplePairSchema = z.tuple([z.number(), z.string()]);

/** The `data` of Loki's / Prometheus' query answers for metric queries. */
export const metricResultSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labelsSchema, values: z.array(samplePairSchema) })) }),
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labelsSchema, value: samplePairSchema })) }),
  z.object({ resultType: z.literal('scalar'), result: samplePairSchema }),
]);
export type MetricResult = z.infer<typeof metricResultSchema>;

export const metricQueryInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('range'),
    query: z.string().min(1, 'the query is empty').max(256 * 1024),
    start: epochMs,
    end: epochMs,
    /** Seconds; missing: Loki's default, max(1, (end - start) / 250). */
    step: z.number().positive().optional(),
  }),
  z.object({ kind: z.literal('instant'), query: z.string().min(1, 'the query is empty').max(256 * 1024), time: epochMs }),
]);
export type MetricQueryInput = z.input<typeof metricQueryInputSchema>;

export const metricAnswerSchema = z.object({
  data: metricResultSchema,
  /** The step used, in seconds (range queries). */
  step: z.number().nullable(),
  linesScanned: z.number().int(),
  elapsedMs: z.number(),
});
export type MetricAnswer = z.infer<typeof metricAnswerSchema>;

export const logVolumeInputSchema = z.object({
  /** A log query: its selector and line filters choose the lines counted. */
  query: z.string().min(1).max(256 * 1024),
  start: epochMs,
  end: epochMs,
  step: z.number().positive().optional(),
});

export const metricsContract = {
  /** A LogQL metric query over the local streams, answered as Loki's query_range / query. */
  'logql.metric': procedure(metricQueryInputSchema, metricAnswerSchema),
  /**
   * The log-volume histogram Grafana draws above log results: lines per step by detected
   * level (`sum by (detected_level) (count_over_time(QUERY [step]))`), a matrix.
   */
  'logql.volume': procedure(logVolumeInputSchema, metricAnswerSchema),
};

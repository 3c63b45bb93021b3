import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs } from './common';
import { metricResultSchema } from './metrics';

const connectionId = z.string().min(1);
const promql = z.string().min(1, 'the query is empty').max(256 * 1024);

export const prometheusQueryInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('range'),
    connectionId,
    query: promql,
    start: epochMs,
    end: epochMs,
    /** Seconds; missing: Grafana's default, the range over ~250 points, at least 1 s. */
    step: z.number().positive().optional(),
  }),
  z.object({ kind: z.literal('instant'), connectionId, query: promql, time: epochMs }),
]);
export type PrometheusQueryInput = z.input<typeof prometheusQueryInputSchema>;

export const prometheusAnswerSchema = z.object({
  data: metricResultSchema,
  step: z.number().nullable(),
  /** The server's warnings and infos, and ours (native histogram samples left out…). */
  warnings: z.array(z.string()),
  elapsedMs: z.number(),
});
export type PrometheusAnswer = z.infer<typeof prometheusAnswerSchema>;

export const remoteContract = {
  /** A PromQL query on a Prometheus connection (query_range / query), in Prometheus' own shapes. */
  'prometheus.query': procedure(prometheusQueryInputSchema, prometheusAnswerSchema),
  /** Metric names with their type and help (for completion). */
  'prometheus.metrics': procedure(z.object({ connectionId }), z.object({ metrics: z.array(z.object({ name: z.string(), type: z.string().optional(), help: z.string().optional() })) })),
  /** Label names, of one metric's series when `metric` is given. */
  'prometheus.labels': procedure(z.object({ connectionId, metric: z.string().nullable() }), z.object({ names: z.array(z.string()) })),
  /** Values of a label, on one metric's series when `metric` is given. */
  'prometheus.labelValues': procedure(z.object({ connectionId, label: z.string().min(1), metric: z.string().nullable() }), z.object({ values: z.array(z.string()) })),
};

/**
 * The `data` of each Prometheus HTTP API answer, as zod schemas (prometheus/web/api/v1/api.go
 * is the reference), and the mapping of query data into shared/contract's MetricResult.
 * Fields Vigie does not use are kept out (zod strips them), so a newer Prometheus that adds
 * fields still parses.
 */
import { z } from 'zod';
import { metricResultSchema, samplePairSchema, type MetricResult } from '../../../shared/contract/metrics';
import { labelsSchema } from '../../../shared/contract/common';

/** A native histogram sample: [time, {count, sum, buckets}]; Vigie does not draw them yet. */
const histogramPairSchema = z.tuple([z.number(), z.unknown()]);

const rawQueryDataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labelsSchema, values: z.array(samplePairSchema).optional(), histograms: z.array(histogramPairSchema).optional() })),
  }),
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labelsSchema, value: samplePairSchema.optional(), histogram: histogramPairSchema.optional() })),
  }),
  z.object({ resultType: z.literal('scalar'), result: samplePairSchema }),
  z.object({ resultType: z.literal('string'), result: samplePairSchema }),
]);

/** A query's answer: the contract's shapes, plus Prometheus' `string` result type. */
export type PromQueryData = MetricResult | { resultType: 'string'; result: [number, string] };

/** Parses query data; native histogram samples are left out with a warning saying how many. */
export function toQueryData(raw: unknown): { ok: true; data: PromQueryData; warnings: string[] } | { ok: false; message: string } {
  const parsed = rawQueryDataSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  const d = parsed.data;
  let dropped = 0;
  let data: PromQueryData;
  if (d.resultType === 'matrix') {
    data = {
      resultType: 'matrix',
      result: d.result.map((s) => {
        dropped += s.histograms?.length ?? 0;
        return { metric: s.metric, values: s.values ?? [] };
      }),
    };
  } else if (d.resultType === 'vector') {
    const result: { metric: Record<string, string>; value: [number, string] }[] = [];
    for (const s of d.result) {
      if (s.value) result.push({ metric: s.metric, value: s.value });
      else dropped++;
    }
    data = { resultType: 'vector', result };
  } else data = d;
  if (data.resultType !== 'string') metricResultSchema.parse(data); // the contract's own check
  const warnings = dropped ? [`${dropped} native histogram sample${dropped > 1 ? 's are' : ' is'} not shown (Vigie draws float samples only)`] : [];
  return { ok: true, data, warnings };
}

export const seriesDataSchema = z.array(labelsSchema);
export const stringListSchema = z.array(z.string());

/** GET /api/v1/metadata: metric name → its metadata as each target reported it. */
export const metadataDataSchema = z.record(z.string(), z.array(z.object({ type: z.string(), help: z.string(), unit: z.string() })));
export type PromMetadata = z.infer<typeof metadataDataSchema>;

const alertSchema = z.object({
  labels: labelsSchema,
  annotations: labelsSchema,
  state: z.enum(['pending', 'firing', 'inactive']),
  activeAt: z.string().optional(),
  keepFiringSince: z.string().optional(),
  /** The value of the expression when it was last evaluated, as Go prints a float. */
  value: z.string(),
});
export type PromAlert = z.infer<typeof alertSchema>;

const ruleCommon = {
  name: z.string(),
  query: z.string(),
  labels: labelsSchema.optional(),
  health: z.enum(['ok', 'err', 'unknown']),
  lastError: z.string().optional(),
  evaluationTime: z.number(),
  lastEvaluation: z.string(),
};

const ruleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('alerting'),
    ...ruleCommon,
    state: z.enum(['pending', 'firing', 'inactive']),
    /** The `for` duration, in seconds. */
    duration: z.number(),
    keepFiringFor: z.number().optional(),
    annotations: labelsSchema,
    alerts: z.array(alertSchema),
  }),
  z.object({ type: z.literal('recording'), ...ruleCommon }),
]);
export type PromRule = z.infer<typeof ruleSchema>;

export const rulesDataSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      rules: z.array(ruleSchema),
      /** Seconds. */
      interval: z.number(),
      limit: z.number().optional(),
      evaluationTime: z.number(),
      lastEvaluation: z.string(),
    }),
  ),
});
export type PromRuleGroup = z.infer<typeof rulesDataSchema>['groups'][number];

export const alertsDataSchema = z.object({ alerts: z.array(alertSchema) });

export const buildInfoSchema = z.object({
  version: z.string(),
  revision: z.string(),
  branch: z.string(),
  buildUser: z.string(),
  buildDate: z.string(),
  goVersion: z.string(),
});
export type PromBuildInfo = z.infer<typeof buildInfoSchema>;

/** A zod error in a sentence: the first few issues with their paths. */
export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'the answer'}: ${i.message}`)
    .join('; ');
}

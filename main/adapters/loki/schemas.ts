/**
 * Loki's answers as zod schemas, in the shapes of shared/contract (`streams`, `matrix`,
 * `vector`, `scalar`), so a remote answer and a local one are the same objects. Each schema
 * keeps what Vigie uses and lets unknown keys pass (newer Loki versions add fields).
 */
import { z } from 'zod';
import { labelsSchema } from '../../../shared/contract/common';
import { lokiStreamSchema } from '../../../shared/contract/logql';
import { metricResultSchema, samplePairSchema } from '../../../shared/contract/metrics';

/** The summary of Loki's `stats` (the rest, per querier/ingester/cache, is dropped). */
export const statsSummarySchema = z
  .object({
    bytesProcessedPerSecond: z.number(),
    linesProcessedPerSecond: z.number(),
    totalBytesProcessed: z.number(),
    totalLinesProcessed: z.number(),
    execTime: z.number(),
    queueTime: z.number(),
    totalEntriesReturned: z.number(),
  })
  .partial();
export type StatsSummary = z.infer<typeof statsSummarySchema>;

const streamsResultSchema = z.object({ resultType: z.literal('streams'), result: z.array(lokiStreamSchema) });

/** `data.result` of /query and /query_range: log streams or a metric result. */
export const queryDataSchema = z.union([streamsResultSchema, metricResultSchema]);
export type LokiQueryData = z.infer<typeof queryDataSchema>;

/** `{"status":"success","warnings":[…],"data":{resultType,result,stats}}`; warnings mean a partial answer. */
export const queryResponseSchema = z.object({
  status: z.literal('success'),
  warnings: z.array(z.string()).optional(),
  data: z.intersection(queryDataSchema, z.object({ stats: z.object({ summary: statsSummarySchema.optional() }).optional() })),
});

export interface QueryAnswer {
  data: LokiQueryData;
  /** Loki's warnings: the answer may be partial (e.g. some queriers failed or limits hit). */
  warnings: string[];
  stats: StatsSummary | null;
}

/** /labels and /label/NAME/values: `data` is missing when nothing matches. */
export const stringListResponseSchema = z.object({ status: z.literal('success'), data: z.array(z.string()).nullish() });

export const seriesResponseSchema = z.object({ status: z.literal('success'), data: z.array(labelsSchema).nullish() });

export const indexStatsSchema = z.object({ streams: z.number(), chunks: z.number(), bytes: z.number(), entries: z.number() });
export type IndexStats = z.infer<typeof indexStatsSchema>;

/** /index/volume answers a vector, /index/volume_range a matrix (points at bucket end - 1 ms). */
export const volumeResponseSchema = z.object({
  status: z.literal('success'),
  warnings: z.array(z.string()).optional(),
  data: z.union([
    z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labelsSchema, value: samplePairSchema })) }),
    z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labelsSchema, values: z.array(samplePairSchema) })) }),
  ]),
});

export const patternSchema = z.object({
  pattern: z.string(),
  level: z.string().optional(),
  /** [unix seconds, count] per step. */
  samples: z.array(z.tuple([z.number(), z.number()])),
});
export type LokiPattern = z.infer<typeof patternSchema>;
export const patternsResponseSchema = z.object({ status: z.literal('success'), data: z.array(patternSchema).nullish() });

export const detectedFieldSchema = z.object({
  label: z.string(),
  type: z.string(),
  cardinality: z.number(),
  /** null for structured metadata (no parser involved). */
  parsers: z.array(z.string()).nullish(),
  jsonPath: z.array(z.string()).nullish(),
});
export type DetectedField = z.infer<typeof detectedFieldSchema>;
export const detectedFieldsResponseSchema = z.object({ fields: z.array(detectedFieldSchema).nullish(), limit: z.number().optional() });
export const detectedFieldValuesResponseSchema = z.object({ values: z.array(z.string()).nullish(), limit: z.number().optional() });

export const detectedLabelSchema = z.object({ label: z.string(), cardinality: z.number() });
export type DetectedLabel = z.infer<typeof detectedLabelSchema>;
export const detectedLabelsResponseSchema = z.object({ detectedLabels: z.array(detectedLabelSchema).nullish() });

export const formatQueryResponseSchema = z.object({ status: z.literal('success'), data: z.string() });

export const buildInfoSchema = z.object({
  version: z.string(),
  revision: z.string().optional(),
  branch: z.string().optional(),
  buildUser: z.string().optional(),
  buildDate: z.string().optional(),
  goVersion: z.string().optional(),
});
export type BuildInfo = z.infer<typeof buildInfoSchema>;

/** One tail frame: streams (one entry each, as Loki sends them) and what it had to drop. */
export const tailFrameSchema = z.object({
  streams: z.array(lokiStreamSchema).nullish(),
  dropped_entries: z.array(z.object({ labels: labelsSchema, timestamp: z.union([z.string(), z.number()]) })).nullish(),
});
export interface TailFrame {
  streams: z.infer<typeof lokiStreamSchema>[];
  dropped: { labels: Record<string, string>; timestamp: string }[];
}

/** The push body Loki's JSON endpoint takes: `values` as [ns string, line(, metadata)]. */
export const pushStreamSchema = z.object({
  stream: labelsSchema,
  values: z.array(z.union([z.tuple([z.string(), z.string()]), z.tuple([z.string(), z.string(), labelsSchema])])),
});
export type PushStream = z.infer<typeof pushStreamSchema>;

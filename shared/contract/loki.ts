/**
 * A Loki connection as a source: the same answers as the local domains (logql.ts, metrics.ts)
 * for a connection id, so the Explore views cannot tell a remote answer from a local one,
 * plus what only a Loki server has (live tail, detected fields, patterns).
 */
import { z } from 'zod';
import { procedure, stream } from '../rpc/define';
import { epochMs, labelsSchema } from './common';
import { logQueryEventSchema, logQueryInputSchema, lokiStreamSchema } from './logql';
import { logVolumeInputSchema, metricAnswerSchema, metricQueryInputSchema } from './metrics';

const connectionId = z.string().min(1);
const withConnection = { connectionId };
const range = { start: epochMs.optional(), end: epochMs.optional() };
const selectorQuery = z.string().min(1, 'the query is empty').max(256 * 1024);

/** logql.query's events, plus the sub-queries of a split range done so far. */
export const lokiQueryEventSchema = z.discriminatedUnion('kind', [
  ...logQueryEventSchema.options,
  z.object({ kind: z.literal('chunks'), done: z.number().int(), total: z.number().int() }),
  /** Loki's warnings: the answer may be partial. */
  z.object({ kind: z.literal('warnings'), warnings: z.array(z.string()) }),
]);
export type LokiQueryEvent = z.infer<typeof lokiQueryEventSchema>;

export const lokiMetricInputSchema = z.discriminatedUnion('kind', [
  metricQueryInputSchema.options[0].extend({ ...withConnection, limit: z.number().int().min(1).max(5000).optional() }),
  metricQueryInputSchema.options[1].extend({ ...withConnection, limit: z.number().int().min(1).max(5000).optional() }),
]);
export type LokiMetricInput = z.input<typeof lokiMetricInputSchema>;

/** logql.metric's answer; `warnings` when Loki said the answer may be partial. */
export const lokiMetricAnswerSchema = metricAnswerSchema.extend({ warnings: z.array(z.string()).optional() });

export const lokiTailInputSchema = z.object({
  connectionId,
  query: selectorQuery,
  /** History to replay first (epoch ms); Loki's default: one hour ago. */
  start: epochMs.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  /** Seconds (0..5) Loki holds entries back to sort late ones. */
  delayFor: z.number().int().min(0).max(5).optional(),
});

export const lokiTailEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('streams'), result: z.array(lokiStreamSchema) }),
  /** Entries Loki could not send in time (a slow reader): how many, and the newest time. */
  z.object({ kind: z.literal('dropped'), count: z.number().int(), newest: z.string() }),
]);
export type LokiTailEvent = z.infer<typeof lokiTailEventSchema>;

export const logContextInputSchema = z.object({
  /** The entry's stream labels (indexed labels only: parsed ones do not select streams). */
  stream: labelsSchema,
  /** The entry's time in ns since the epoch, as Loki gives it. */
  ts: z.string().regex(/^\d{1,20}$/, 'a time in nanoseconds since the epoch'),
  line: z.string(),
  before: z.number().int().min(0).max(1000).default(10),
  after: z.number().int().min(0).max(1000).default(10),
});
export type LogContextInput = z.input<typeof logContextInputSchema>;

/** Oldest first on both sides; the entry itself is in neither. */
export const logContextSchema = z.object({ before: z.array(lokiStreamSchema), after: z.array(lokiStreamSchema) });
export type LogContext = z.infer<typeof logContextSchema>;

export const detectedFieldSchema = z.object({ label: z.string(), type: z.string(), cardinality: z.number(), parsers: z.array(z.string()) });
export type DetectedFieldInfo = z.infer<typeof detectedFieldSchema>;

export const patternInfoSchema = z.object({
  pattern: z.string(),
  level: z.string().nullable(),
  /** [epoch ms, count] per step. */
  samples: z.array(z.tuple([z.number(), z.number()])),
  total: z.number(),
});
export type PatternInfo = z.infer<typeof patternInfoSchema>;

export const lokiContract = {
  /**
   * A LogQL log query on a Loki connection: logql.query's events (big ranges split, with
   * progress). Without `direction` none is sent and Loki's default (backward) applies.
   */
  'loki.query': stream(logQueryInputSchema.extend({ ...withConnection, direction: z.enum(['backward', 'forward']).optional() }), lokiQueryEventSchema),
  /** A LogQL metric query on a Loki connection, answered as logql.metric. */
  'loki.metric': procedure(lokiMetricInputSchema, lokiMetricAnswerSchema),
  /** The log-volume histogram (lines per step by detected level), as logql.volume. */
  'loki.volume': procedure(logVolumeInputSchema.extend(withConnection), metricAnswerSchema),
  'loki.labels': procedure(z.object({ connectionId, ...range, query: z.string().optional() }), z.object({ names: z.array(z.string()) })),
  'loki.labelValues': procedure(z.object({ connectionId, label: z.string().min(1), ...range, query: z.string().optional() }), z.object({ values: z.array(z.string()) })),
  /** Live tail over Loki's WebSocket until unsubscribed. */
  'loki.tail': stream(lokiTailInputSchema, lokiTailEventSchema),
  /** The lines around an entry in its stream, as Grafana's log context. */
  'loki.context': procedure(logContextInputSchema.extend(withConnection), logContextSchema),
  'loki.detectedFields': procedure(z.object({ connectionId, query: selectorQuery, start: epochMs, end: epochMs, limit: z.number().int().positive().optional() }), z.object({ fields: z.array(detectedFieldSchema) })),
  'loki.patterns': procedure(z.object({ connectionId, query: selectorQuery, start: epochMs, end: epochMs, step: z.number().positive().optional() }), z.object({ patterns: z.array(patternInfoSchema) })),
};

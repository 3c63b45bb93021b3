import { z } from 'zod';
import { procedure, stream } from '../rpc/define';
import { epochMs, labelsSchema } from './common';

/** Where a query is wrong: Loki's message and the span [from, to) of the user's text. */
export const queryErrorSchema = z.object({ message: z.string(), from: z.number().int(), to: z.number().int() });
export type QueryError = z.infer<typeof queryErrorSchema>;

export const logqlCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), kind: z.enum(['log', 'metric']) }),
  z.object({ ok: z.literal(false), error: queryErrorSchema }),
]);
export type LogqlCheck = z.infer<typeof logqlCheckSchema>;

/**
 * One entry as Loki answers with `categorize-labels`: [ns, line] or [ns, line, {parsed,
 * structuredMetadata}]; `stream` then holds the stream's own labels only.
 */
export const lokiEntrySchema = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([z.string(), z.string(), z.object({ parsed: labelsSchema.optional(), structuredMetadata: labelsSchema.optional() })]),
]);
export const lokiStreamSchema = z.object({ stream: labelsSchema, values: z.array(lokiEntrySchema) });
export type LokiStream = z.infer<typeof lokiStreamSchema>;

export const logQueryInputSchema = z.object({
  query: z.string().min(1, 'the query is empty').max(256 * 1024),
  /** Epoch ms; start inclusive, end exclusive, as Loki. Missing: all time. */
  start: epochMs.optional(),
  end: epochMs.optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
  direction: z.enum(['backward', 'forward']).default('backward'),
});
export type LogQueryInput = z.input<typeof logQueryInputSchema>;

/** A log query streams its answer: progress while files are scanned, entries in batches. */
export const logQueryEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), bytesDone: z.number(), bytesTotal: z.number(), streamsMatched: z.number().int() }),
  z.object({ kind: z.literal('streams'), result: z.array(lokiStreamSchema) }),
  z.object({ kind: z.literal('done'), linesScanned: z.number().int(), bytesScanned: z.number(), elapsedMs: z.number(), limitReached: z.boolean() }),
]);
export type LogQueryEvent = z.infer<typeof logQueryEventSchema>;

export const logqlContract = {
  /** Parses and validates as Loki would (RE2 regexes, templates): what the editor marks. */
  'logql.check': procedure(z.object({ query: z.string().max(256 * 1024) }), logqlCheckSchema),
  /** A log query over the local streams whose labels match its selector. */
  'logql.query': stream(logQueryInputSchema, logQueryEventSchema),
};

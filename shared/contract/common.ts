import { z } from 'zod';

export const appErrorSchema = z.object({
  code: z.enum(['bad_input', 'not_found', 'permission_denied', 'unreadable', 'cancelled', 'unauthorized', 'unsupported', 'internal']),
  message: z.string(),
  where: z.object({ path: z.string().optional(), line: z.number().optional(), column: z.number().optional(), offset: z.number().optional() }).optional(),
});

export const labelsSchema = z.record(z.string(), z.string());
export const levelSchema = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown']);

/** Epoch milliseconds. */
export const epochMs = z.number().finite();

/** A time range in epoch ms, both ends inclusive; a missing end is open. */
export const timeRangeSchema = z.object({ start: epochMs.optional(), end: epochMs.optional() });
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const empty = z.object({}).strict();
export const nothing = z.null();

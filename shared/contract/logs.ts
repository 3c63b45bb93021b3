import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs, levelSchema, timeRangeSchema } from './common';

/**
 * The chosen streams' lines merged by time, over a time range, newest or oldest first,
 * addressed by position so a virtualised list can ask for any window of millions of lines.
 */
export const logViewSchema = z.object({
  streamIds: z.array(z.string()).max(10_000),
  range: timeRangeSchema.default({}),
  direction: z.enum(['backward', 'forward']).default('backward'),
});
export type LogView = z.input<typeof logViewSchema>;

export const logLineSchema = z.object({
  streamId: z.string(),
  lineNo: z.number().int(),
  ts: epochMs,
  level: levelSchema,
  text: z.string(),
  /** The line was cut for display; byteLength is its real size. */
  truncated: z.boolean(),
  byteLength: z.number().int(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logWindowSchema = z.object({
  /** Lines in the view; grows while files are indexed or followed. */
  total: z.number().int(),
  offset: z.number().int(),
  lines: z.array(logLineSchema),
  /** True while some of the streams are still being indexed. */
  partial: z.boolean(),
});
export type LogWindow = z.infer<typeof logWindowSchema>;

export const logsContract = {
  'logs.window': procedure(
    logViewSchema.extend({ offset: z.number().int().min(0), limit: z.number().int().min(0).max(5000) }),
    logWindowSchema,
  ),
};

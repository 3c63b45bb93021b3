/** Alertmanager API v2 answers (api/v2/openapi.yaml), validated as far as Vigie reads them. */
import { z } from 'zod';

export const labelSetSchema = z.record(z.string(), z.string());

export const matcherSchema = z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().optional().default(true) });

export const gettableAlertSchema = z.object({
  labels: labelSetSchema,
  annotations: labelSetSchema.optional().default({}),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string().optional(),
  fingerprint: z.string(),
  generatorURL: z.string().optional(),
  receivers: z.array(z.object({ name: z.string() })).optional().default([]),
  status: z.object({ state: z.enum(['unprocessed', 'active', 'suppressed']), silencedBy: z.array(z.string()), inhibitedBy: z.array(z.string()) }),
});
export type GettableAlert = z.infer<typeof gettableAlertSchema>;

export const gettableSilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(matcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  updatedAt: z.string().optional(),
  status: z.object({ state: z.enum(['expired', 'active', 'pending']) }),
});
export type GettableSilence = z.infer<typeof gettableSilenceSchema>;

export const statusSchema = z.object({
  cluster: z.object({ status: z.string() }).passthrough(),
  versionInfo: z.object({ version: z.string() }).passthrough(),
  uptime: z.string(),
  config: z.object({ original: z.string() }).passthrough().optional(),
});
export type AlertmanagerStatus = z.infer<typeof statusSchema>;

export const postSilenceAnswerSchema = z.object({ silenceID: z.string() });

export interface PostableSilence {
  id?: string;
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

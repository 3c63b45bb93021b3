import { z } from 'zod';
import { procedure } from '../rpc/define';
import { labelsSchema } from './common';

const connectionId = z.string().min(1);

/** An alert as Alertmanager's API v2 lists it (GET /api/v2/alerts). */
export const amAlertSchema = z.object({
  labels: labelsSchema,
  annotations: labelsSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  fingerprint: z.string(),
  generatorURL: z.string().nullable(),
  receivers: z.array(z.string()),
  state: z.enum(['unprocessed', 'active', 'suppressed']),
  silencedBy: z.array(z.string()),
  inhibitedBy: z.array(z.string()),
});
export type AmAlert = z.infer<typeof amAlertSchema>;

/** A silence as GET /api/v2/silences lists it. */
export const amSilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  state: z.enum(['expired', 'active', 'pending']),
});
export type AmSilence = z.infer<typeof amSilenceSchema>;

export const alertmanagerContract = {
  /** The alerts an Alertmanager connection holds now. */
  'alertmanager.alerts': procedure(z.object({ connectionId }), z.object({ alerts: z.array(amAlertSchema) })),
  /** Its silences (active, pending and recently expired). */
  'alertmanager.silences': procedure(z.object({ connectionId }), z.object({ silences: z.array(amSilenceSchema) })),
};

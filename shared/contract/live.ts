import { z } from 'zod';
import { procedure, stream } from '../rpc/define';
import { empty, labelsSchema, nothing } from './common';
import { textRangeSchema } from './alerts';

export const rateLimitSchema = z.object({ burst: z.number().int().min(1).max(1000), perMinute: z.number().positive().max(1000) });

export const quietHoursSchema = z.object({
  /** Minutes after local midnight; from > to spans midnight. */
  fromMinute: z.number().int().min(0).max(1439),
  toMinute: z.number().int().min(0).max(1439),
  /** Local weekdays (0 = Sunday); empty: every day. */
  days: z.array(z.number().int().min(0).max(6)).max(7),
  /** hold: one digest when they end; drop: nothing. */
  mode: z.enum(['hold', 'drop']),
});

export const notificationSettingsSchema = z.object({
  enabled: z.boolean(),
  perRule: rateLimitSchema,
  global: rateLimitSchema,
  quietHours: quietHoursSchema.nullable(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const alertmanagerTargetSchema = z.object({
  url: z.string().url().max(2048),
  /** --rules.alert.resend-delay (ms); Prometheus' default is 1m. */
  resendDelayMs: z.number().int().min(1000).max(86_400_000).default(60_000),
});

export const liveStartInputSchema = z.object({
  /** The rule file's text (Prometheus rule groups, or Loki ruler groups whose expr is LogQL). */
  rules: z.string().max(1024 * 1024),
  /** The rule file's name: it takes part in each group's evaluation offset, as in Prometheus. */
  rulesName: z.string().min(1).max(1024).default('rules.yml'),
  /** The followed streams (local files, SSH hosts' files). */
  streamIds: z.array(z.string()).max(1000),
  /**
   * A Loki connection: its lines matching `query` (a log selector) are tailed into the
   * pipeline, and LogQL (Loki ruler) groups are asked of that Loki, as its ruler would.
   */
  loki: z.object({ connectionId: z.string().min(1), query: z.string().min(1).max(64 * 1024) }).nullable().default(null),
  /** A Promtail pipeline (or config) whose metrics stages make the series PromQL rules read. */
  pipeline: z.string().max(1024 * 1024).nullable(),
  /** global.evaluation_interval (ms) for groups without their own; Prometheus' default is 1m. */
  evaluationIntervalMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  /** How often the pipeline's metrics are scraped into the live series (ms). */
  scrapeIntervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
  externalLabels: labelsSchema.default({}),
  /** --web.external-url: the base of each alert's generatorURL and of templates' $externalURL. */
  externalUrl: z.string().url().max(2048).default('http://vigie.localhost'),
  alertmanager: alertmanagerTargetSchema.nullable().default(null),
});
export type LiveStartInput = z.input<typeof liveStartInputSchema>;

const alertStateSchema = z.enum(['pending', 'firing', 'inactive']);

export const liveAlertSchema = z.object({
  group: z.string(),
  rule: z.string(),
  state: alertStateSchema,
  labels: labelsSchema,
  annotations: labelsSchema,
  value: z.number().nullable(),
  activeAtMs: z.number(),
  firedAtMs: z.number().nullable(),
  resolvedAtMs: z.number().nullable(),
  /** The id of the silence muting its notifications, if any. */
  silencedBy: z.string().nullable(),
  /** Explore on the followed files, from a little before the activation to its end (or now). */
  explore: z.object({ query: z.string(), fromMs: z.number(), toMs: z.number() }).nullable(),
});
export type LiveAlert = z.infer<typeof liveAlertSchema>;

export const silenceMatcherSchema = z.object({ name: z.string().min(1).max(256), value: z.string().max(4096), isRegex: z.boolean(), isEqual: z.boolean().default(true) });

export const liveSilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(silenceMatcherSchema),
  startsAtMs: z.number(),
  endsAtMs: z.number(),
  createdBy: z.string(),
  comment: z.string(),
  state: z.enum(['pending', 'active', 'expired']),
});
export type LiveSilence = z.infer<typeof liveSilenceSchema>;

export const liveGroupStatusSchema = z.object({
  name: z.string(),
  language: z.enum(['promql', 'logql']),
  intervalMs: z.number(),
  lastEvalMs: z.number().nullable(),
  nextEvalMs: z.number().nullable(),
  lastDurationMs: z.number().nullable(),
  evaluations: z.number().int(),
  /** Evaluation slots skipped (sleep, suspend, slow evaluations), as rule_group_iterations_missed_total. */
  missed: z.number().int(),
  errors: z.array(z.object({ rule: z.string(), error: z.string() })),
});

export const liveStateSchema = z.discriminatedUnion('running', [
  z.object({ running: z.literal(false), settings: notificationSettingsSchema, silences: z.array(liveSilenceSchema), lastError: z.string().nullable() }),
  z.object({
    running: z.literal(true),
    startedAtMs: z.number(),
    rulesName: z.string(),
    files: z.array(z.object({ path: z.string(), labels: labelsSchema, linesRead: z.number().int(), rotations: z.number().int(), error: z.string().nullable() })),
    groups: z.array(liveGroupStatusSchema),
    alerts: z.array(liveAlertSchema),
    silences: z.array(liveSilenceSchema),
    settings: notificationSettingsSchema,
    scrapes: z.number().int(),
    alertmanager: z.object({ url: z.string(), sent: z.number().int(), errors: z.number().int(), dropped: z.number().int(), lastError: z.string().nullable() }).nullable(),
    lastError: z.string().nullable(),
  }),
]);
export type LiveState = z.infer<typeof liveStateSchema>;

export const liveNotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(['alert', 'summary']),
  transition: z.enum(['firing', 'resolved']).nullable(),
  rule: z.string(),
  title: z.string(),
  body: z.string(),
  atMs: z.number(),
  labels: labelsSchema,
  /** Where Explore should open: the lines from the alert's activation (ms), the followed files' selector. */
  explore: z.object({ query: z.string(), fromMs: z.number(), toMs: z.number() }).nullable(),
});
export type LiveNotification = z.infer<typeof liveNotificationSchema>;

export const liveSilenceInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), matchers: z.array(silenceMatcherSchema).min(1).max(100), durationMs: z.number().int().min(60_000).max(366 * 86_400_000), comment: z.string().max(4096).default(''), createdBy: z.string().max(256).default('vigie') }),
  z.object({ action: z.literal('expire'), id: z.string() }),
]);

export const liveStartAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: liveStateSchema }),
  /** The rule file or the pipeline does not load: nothing was started. */
  z.object({ ok: z.literal(false), errors: z.array(textRangeSchema.extend({ message: z.string() })) }),
]);

export const liveContract = {
  /** Starts evaluating a rule file live over the followed streams (replacing a running one). */
  'live.start': procedure(liveStartInputSchema, liveStartAnswerSchema),
  'live.stop': procedure(empty, nothing),
  /** The live state now, then again whenever it changes (alerts, evaluations, silences). */
  'live.state': stream(empty, liveStateSchema),
  /** Adds a silence for a duration, or expires one; answers the silences. */
  'live.silence': procedure(liveSilenceInputSchema, z.array(liveSilenceSchema)),
  /** Notification preferences (on/off, rate limits, quiet hours); persisted. */
  'live.configure': procedure(notificationSettingsSchema, notificationSettingsSchema),
  /** Notifications to show on the desktop, as they are decided. */
  'live.notifications': stream(empty, liveNotificationSchema),
};

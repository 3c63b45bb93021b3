import { z } from 'zod';
import { procedure, stream } from '../rpc/define';
import { epochMs, labelsSchema } from './common';

/** A span in the user's rule file: 1-based lines and columns, end exclusive. */
export const textRangeSchema = z.object({ line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() });
export type TextRange = z.infer<typeof textRangeSchema>;

/** A lint's fix: text edits on the rule file, applied together (a Monaco quick fix). */
export const ruleFixSchema = z.object({ title: z.string(), edits: z.array(textRangeSchema.extend({ text: z.string() })) });
export type RuleFix = z.infer<typeof ruleFixSchema>;

export const ruleLintSchema = textRangeSchema.extend({
  /** A stable id, e.g. "counter-threshold", "rate-on-gauge", "for-shorter-than-interval". */
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  group: z.string(),
  /** The alert or record name. */
  rule: z.string(),
  fix: ruleFixSchema.nullable(),
});
export type RuleLint = z.infer<typeof ruleLintSchema>;

/** Which language a group's expressions are: Prometheus rules (PromQL) or Loki ruler (LogQL). */
export const ruleLanguageSchema = z.enum(['promql', 'logql']);

export const ruleFileCheckSchema = z.object({
  /** Parse and validation errors, positioned (YAML, PromQL/LogQL inside `expr`, templates). */
  errors: z.array(textRangeSchema.extend({ message: z.string() })),
  lints: z.array(ruleLintSchema),
  groups: z.array(
    z.object({
      name: z.string(),
      intervalMs: z.number().nullable(),
      language: ruleLanguageSchema,
      rules: z.array(z.object({ kind: z.enum(['alerting', 'recording']), name: z.string(), expr: z.string(), line: z.number().int() })),
    }),
  ),
});
export type RuleFileCheck = z.infer<typeof ruleFileCheckSchema>;

export const backtestInputSchema = z.object({
  /** The rule file's text (Prometheus rule groups or Loki ruler groups). */
  rules: z.string().max(1024 * 1024),
  /** Where the data comes from: the chosen local streams' lines (LogQL rules) … */
  streamIds: z.array(z.string()).max(1000),
  /** … and, for PromQL rules, the metrics this Promtail pipeline derives from those lines on log time. */
  pipeline: z.string().max(1024 * 1024).nullable(),
  /** A Prometheus connection: PromQL rules are asked of it instead of the pipeline's metrics. */
  prometheus: z.string().min(1).nullish(),
  start: epochMs,
  end: epochMs,
  /** Overrides every group's interval (ms). */
  intervalMs: z.number().int().positive().optional(),
});
export type BacktestInput = z.input<typeof backtestInputSchema>;

const stateIntervalSchema = z.object({ state: z.enum(['pending', 'firing']), fromMs: z.number(), toMs: z.number() });
export const backtestGroupSchema = z.object({
  group: z.string(),
  intervalMs: z.number(),
  alerts: z.array(z.object({ rule: z.string(), labels: labelsSchema, intervals: z.array(stateIntervalSchema), resolvedAtMs: z.array(z.number()) })),
  /** Each rule's expression result over time, [unix ms, value] (at most 1,000 series a group, 11,000 points a series: evenly thinned beyond). */
  series: z.array(z.object({ rule: z.string(), labels: labelsSchema, points: z.array(z.tuple([z.number(), z.number()])) })),
  errors: z.array(z.object({ rule: z.string(), message: z.string(), tMs: z.number() })),
  /**
   * For rules that compare an expression with a number (`x > 1`, PromQL groups): that expression
   * over the range and the threshold, so a chart can draw what is compared, not only where it held.
   */
  operands: z.array(z.object({
    rule: z.string(),
    expr: z.string(),
    op: z.string(),
    threshold: z.number(),
    series: z.array(z.object({ labels: labelsSchema, points: z.array(z.tuple([z.number(), z.number()])) })),
  })).optional(),
});
export type BacktestGroup = z.infer<typeof backtestGroupSchema>;

export const backtestEventSchema = z.discriminatedUnion('kind', [
  /** The rule file or pipeline does not parse: nothing was evaluated. */
  z.object({ kind: z.literal('invalid'), errors: z.array(textRangeSchema.extend({ message: z.string() })) }),
  z.object({ kind: z.literal('progress'), done: z.number(), total: z.number(), phase: z.string() }),
  z.object({ kind: z.literal('group'), result: backtestGroupSchema }),
  z.object({ kind: z.literal('done'), elapsedMs: z.number(), evaluations: z.number() }),
]);
export type BacktestEvent = z.infer<typeof backtestEventSchema>;

export const rulesTestInputSchema = z.object({
  /** A promtool unit-test file. */
  test: z.string().max(1024 * 1024),
  /** The rule files it names in `rule_files`, by that name. */
  ruleFiles: z.record(z.string(), z.string().max(1024 * 1024)),
});

export const alertsContract = {
  /** Parses and lints a rule file: positioned errors, lints with fixes, the groups found. */
  'rules.check': procedure(
    z.object({
      rules: z.string().max(1024 * 1024),
      /** Optional: the Promtail pipeline whose metrics the rules read; its metrics stages give series types to the lints. */
      pipeline: z.string().max(1024 * 1024).optional(),
    }),
    ruleFileCheckSchema,
  ),
  /** Back-tests every group of a rule file over [start, end]: progress, then one result per group. */
  'rules.backtest': stream(backtestInputSchema, backtestEventSchema),
  /** Runs a promtool unit-test file: what `promtool test rules` prints, and its exit code. */
  'rules.test': procedure(rulesTestInputSchema, z.object({ exitCode: z.number().int(), output: z.string() })),
};

/**
 * The Promtail pipeline model, after clients/pkg/logentry/stages: an entry carries its
 * labels, the extracted map (what later stages read), the line, its timestamp and its
 * structured metadata; a stage turns one entry into zero or more (multiline buffers, drop
 * drops) and may emit buffered entries on flush or on a later call. Stages never throw on
 * the per-entry path: a failure is recorded (as Promtail logs it) and the entry goes on.
 */
import type { RegexPort } from '../logql/ports';
import type { CompileTemplate } from '../logql/ports';

export type Labels = Record<string, string>;
/** Values in the extracted map keep their JSON types, as Promtail's map[string]interface{}. */
export type Extracted = Record<string, unknown>;

export interface PipelineEntry {
  labels: Labels;
  extracted: Extracted;
  line: string;
  /** Unix nanoseconds. */
  timestampNs: bigint;
  structuredMetadata: Labels;
}

/** A clock the pipeline reads (multiline max_wait_time, limit rates, `now-2h` read times). */
export interface Clock {
  nowNs(): bigint;
}

/** What a stage may record about what it did to an entry, for the per-stage trace. */
export interface StageNote {
  /** e.g. "dropped: longer_than 10 bytes", "no match", "regex did not match" */
  message: string;
}

/**
 * Every match of a pattern with each group's [start, end) offsets (undefined when the group did not
 * take part), as Go's FindAllStringSubmatchIndex(s, -1); null when the pattern does not compile.
 * The replace stage needs group offsets, which RegexPort does not give.
 */
export type SubmatchIndex = (pattern: string, subject: string) => ([number, number] | undefined)[][] | null;

export interface StageContext {
  clock: Clock;
  regex: RegexPort;
  /** Group offsets for the replace stage; without it they are recovered by searching each group's text in order. */
  submatchIndex?: SubmatchIndex;
  /** Go text/template with Promtail's functions (the template stage, output, tenant…). */
  compileTemplate: CompileTemplate;
  metrics: MetricsSink;
  /** Where a stage reports a non-fatal problem on an entry (Promtail logs it at debug level). */
  note(message: string): void;
}

/**
 * Records what each stage does to an entry when a trace is asked for; a stage with nested
 * stages (match) passes it on so they are traced too, under its path.
 */
export interface StageTracer {
  /** Runs one stage on one entry (`run`), recording the step; `run` gets the tracer for the stage's own nested stages. */
  step(stage: Stage, index: number, entry: PipelineEntry, run: (nested: StageTracer) => PipelineEntry[]): PipelineEntry[];
}

export interface Stage {
  readonly type: string;
  /** Zero or more entries out for one in; never throws. `tracer` is given only when tracing. */
  process(entry: PipelineEntry, tracer?: StageTracer): PipelineEntry[];
  /** Entries still buffered (multiline) when the input ends. */
  flush?(): PipelineEntry[];
}

/** config schema → validate (Promtail's error texts) → create, one per stage type. */
export interface StageDefinition<C = unknown> {
  readonly type: string;
  /** Validates the raw YAML value of `- <type>: <value>`; the error is Promtail's text without the `invalid <type> stage config: ` prefix. */
  validate(raw: unknown, ctx: StageContext): { ok: true; config: C } | { ok: false; error: string };
  create(config: C, ctx: StageContext, build: BuildStages): Stage;
}

/** Builds nested stage lists (match, and any stage with `stages:`). */
export type BuildStages = (raw: unknown, ctx: StageContext) => { ok: true; stages: Stage[] } | { ok: false; error: string };

/** Metric samples produced on log time; see metrics-registry.ts. */
export interface MetricsSink {
  counter(name: string, help: string): { add(labels: Labels, value: number, atNs: bigint): void; set(labels: Labels, value: number, atNs: bigint): void };
  gauge(name: string, help: string): { set(labels: Labels, value: number, atNs: bigint): void; add(labels: Labels, value: number, atNs: bigint): void };
  histogram(name: string, help: string, buckets: number[]): { observe(labels: Labels, value: number, atNs: bigint): void };
  /** Drops series idle longer than a stage's max_idle_duration. */
  expire(name: string, idleNs: bigint, nowNs: bigint): void;
}

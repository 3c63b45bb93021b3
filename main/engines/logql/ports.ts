/**
 * What the LogQL engine needs from the platform, injected so the engine stays pure.
 * main/adapters/re2/ implements RegexPort with the `re2` package: Go regexp (RE2) syntax and
 * semantics, linear time. Loki compiles with Go's regexp, so anything else would drift.
 */

/** One match: UTF-16 offsets into the subject, and each group's text (undefined when it did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  /** groups[0] is the whole match; groups[i] is capture group i. */
  groups: (string | undefined)[];
}

/** A compiled regular expression. Never throws on any input string. */
export interface CompiledRegex {
  /** The pattern as compiled. */
  readonly source: string;
  /** Names of the capture groups by index: names[0] is '' (whole match), '' for unnamed groups. */
  readonly groupNames: readonly string[];
  /** Unanchored search, as Go's `MatchString`. */
  test(subject: string): boolean;
  /** Leftmost-first match with submatches, as Go's `FindStringSubmatch`; null when none. */
  exec(subject: string): RegexMatch | null;
  /**
   * Successive non-overlapping matches, as Go's `FindAllStringSubmatchIndex` (an empty match
   * abutting the previous match is skipped, as Go does). `limit` < 0 means all.
   */
  matchAll(subject: string, limit?: number): RegexMatch[];
}

export type RegexCompileResult = { ok: true; regex: CompiledRegex } | { ok: false; error: string };

export interface RegexPort {
  /**
   * Compiles a Go (RE2) pattern. On failure `error` is worded as Go's regexp package words it,
   * e.g. "error parsing regexp: missing closing ): `(`".
   */
  compile(pattern: string): RegexCompileResult;
}

/** The template engine as the LogQL stages see it (main/engines/logql/template/ implements it). */
export interface TemplateExecCtx {
  line: string;
  timestampNs: bigint;
}
export type TemplateExecResult = { ok: true; text: string } | { ok: false; error: string };
export interface CompiledTemplate {
  execute(data: Record<string, string>, ctx: TemplateExecCtx): TemplateExecResult;
}
export type TemplateCompileResult = { ok: true; template: CompiledTemplate } | { ok: false; error: string };
/** Compiles a Go text/template (Loki's function map); the host binds the template engine's own regex port. */
export type CompileTemplate = (name: 'line' | 'label', text: string) => TemplateCompileResult;

/** Everything buildPipeline needs. */
export interface LogqlPorts {
  regex: RegexPort;
  compileTemplate: CompileTemplate;
}

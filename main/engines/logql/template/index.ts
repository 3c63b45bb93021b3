// Go text/template with Loki's function map, for line_format and label_format.
// compileTemplate parses once (errors worded as Go's Parse words them: the LogQL parser
// prefixes "invalid line template: "); execute runs per entry and never throws.

import { BUILTINS } from './builtins';
import { type CallContext, type CompiledRegex, type FuncMap } from './func-types';
import { ExecError, type ExecLimits, type Program, State } from './exec';
import { GoDataMap, GoMap } from './go-values';
import { LOKI_STRING_FUNCTIONS } from './loki-string-functions';
import { LOKI_VALUE_FUNCTIONS } from './loki-value-functions';
import { parseTemplate } from './parser';

/** Go regexp (RE2) compiled by the host; replaceAll follows Go's ReplaceAllString expansion. */
export interface RegexPort {
  compile(pattern: string): ({ ok: true } & CompiledRegex) | { ok: false; error: string };
}

export interface TemplateContext {
  line: string;
  timestampNs: bigint;
}

export interface CompiledTemplate {
  execute(data: Readonly<Record<string, string>>, ctx: TemplateContext): { ok: true; text: string } | { ok: false; error: string };
}

export interface TemplateOptions {
  /** Bound on walk/eval steps per execution (range over a huge count, deep recursion). */
  maxSteps?: number;
  /** Bound on output characters per execution. */
  maxOutput?: number;
  /** Clock for `now` (ms since the epoch); defaults to Date.now. */
  nowMs?: () => number;
  /** The function map (defaults to Loki's, TEMPLATE_FUNCTIONS); Promtail's template stage passes its own. */
  functions?: FuncMap;
  /**
   * The Go type of the data: Loki executes on map[string]string (a missing key is ""); Promtail's
   * template and replace stages on map[string]interface{} (a missing key prints "<no value>").
   */
  dataType?: 'map[string]string' | 'map[string]interface {}';
}

export const DEFAULT_LIMITS: ExecLimits = { maxSteps: 10_000_000, maxOutput: 1 << 26 };

export const TEMPLATE_FUNCTIONS: FuncMap = { ...BUILTINS, ...LOKI_STRING_FUNCTIONS, ...LOKI_VALUE_FUNCTIONS };
const BUILTIN_NAMES: ReadonlySet<string> = new Set(Object.keys(BUILTINS));
const hasFunction = (name: string) => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCTIONS, name);

const MAX_CACHED_REGEXES = 64;

export function compileTemplate(
  name: string,
  text: string,
  ports: { regex: RegexPort },
  options: TemplateOptions = {},
): { ok: true; template: CompiledTemplate } | { ok: false; error: string } {
  const funcs = options.functions ?? TEMPLATE_FUNCTIONS;
  const has = options.functions ? (n: string) => Object.prototype.hasOwnProperty.call(funcs, n) : hasFunction;
  const parsed = parseTemplate(name, text, has);
  if (!parsed.ok) return parsed;
  const prog: Program = { name, text, trees: parsed.trees, funcs, builtins: BUILTIN_NAMES };
  const limits: ExecLimits = { maxSteps: options.maxSteps ?? DEFAULT_LIMITS.maxSteps, maxOutput: options.maxOutput ?? DEFAULT_LIMITS.maxOutput };
  const nowMs = options.nowMs ?? (() => Date.now());
  // Loki compiles the pattern on every call; caching per template is the same answer, cheaper.
  const regexCache = new Map<string, ReturnType<CallContext['regex']>>();
  const regex: CallContext['regex'] = (pattern) => {
    let hit = regexCache.get(pattern);
    if (!hit) {
      const c = ports.regex.compile(pattern);
      hit = c.ok ? { ok: true, re: c } : { ok: false, error: c.error };
      if (regexCache.size >= MAX_CACHED_REGEXES) regexCache.clear();
      regexCache.set(pattern, hit);
    }
    return hit;
  };
  const template: CompiledTemplate = {
    execute(data, ctx) {
      const callCtx: CallContext = { line: ctx.line, timestampNs: ctx.timestampNs, regex, nowMs };
      const state = new State(prog, callCtx, limits);
      try {
        state.run(options.dataType === 'map[string]interface {}' ? new GoMap(new Map(Object.entries(data)), 'interface {}') : new GoDataMap(data));
        return { ok: true, text: state.out };
      } catch (e) {
        if (e instanceof ExecError) return { ok: false, error: e.message };
        // A JS-level failure (stack overflow in a deep pipeline, string too long): still an answer.
        return { ok: false, error: `template: ${name}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
  return { ok: true, template };
}

export { makeGoRegexPort, type Re2Like } from './go-regex-port';
export { fn, FuncError, type FuncMap, type GoFunc } from './func-types';

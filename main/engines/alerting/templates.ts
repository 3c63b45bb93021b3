// Expanding alert labels and annotations as Prometheus does (rules/alerting.go `expand`):
// the text is prefixed with the $labels/$externalLabels/$externalURL/$value definitions,
// parsed and executed with missingkey=zero on tmplData, and any failure becomes the value
// "<error expanding template: …>" rather than an error of the rule.

import { ExecError, State, type Program } from '../logql/template/exec';
import type { CallContext, CompiledRegex } from '../logql/template/func-types';
import { GoDataMap, GoFloat, GoMap, type GoValue } from '../logql/template/go-values';
import { parseTemplate } from '../logql/template/parser';
import { BUILTINS } from '../logql/template/builtins';
import { alertTemplateFunctions, type TemplateEnv } from './template-functions';
import type { Labels } from './types';

/** Go regexp (RE2) from the host; without one, JS RegExp stands in (close, not identical). */
export interface AlertRegexPort {
  compile(pattern: string): ({ ok: true } & CompiledRegex) | { ok: false; error: string };
}

export interface ExpandInput {
  /** "__alert_" + rule name, as Prometheus names the template (it shows in error messages). */
  name: string;
  text: string;
  labels: Labels;
  externalLabels: Labels;
  externalUrl: string;
  value: number;
  env: TemplateEnv;
  regex?: AlertRegexPort;
}

export const TEMPLATE_DEFS = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';
const BUILTIN_NAMES: ReadonlySet<string> = new Set(Object.keys(BUILTINS));
const LIMITS = { maxSteps: 1_000_000, maxOutput: 1 << 20 };

// The function table of an environment, built once: a back-test expands templates at every
// evaluation of every alert, and rebuilding it each time was a fifth of its CPU.
const FUNCS = new WeakMap<TemplateEnv, ReturnType<typeof alertTemplateFunctions>>();
function functionsFor(env: TemplateEnv): ReturnType<typeof alertTemplateFunctions> {
  let f = FUNCS.get(env);
  if (!f) FUNCS.set(env, (f = alertTemplateFunctions(env)));
  return f;
}

/** Template.Expand: the text, or Go's error text (parse or execute). */
export function expandTemplate(input: ExpandInput): { ok: true; text: string } | { ok: false; error: string } {
  const text = TEMPLATE_DEFS + input.text;
  const funcs = functionsFor(input.env);
  const parsed = parseTemplate(input.name, text, (n) => Object.prototype.hasOwnProperty.call(funcs, n));
  if (!parsed.ok) return { ok: false, error: `error parsing template ${input.name}: ${parsed.error}` };
  const prog: Program = { name: input.name, text, trees: parsed.trees, funcs, builtins: BUILTIN_NAMES };
  const regexPort = input.regex ?? jsRegexPort;
  const ctx: CallContext = {
    line: '',
    timestampNs: 0n,
    nowMs: () => 0,
    regex: (p) => {
      const c = regexPort.compile(p);
      return c.ok ? { ok: true, re: c } : { ok: false, error: c.error };
    },
  };
  const data: GoValue = new GoMap(new Map<string, GoValue>([
    ['Labels', new GoDataMap(input.labels)],
    ['ExternalLabels', new GoDataMap(input.externalLabels)],
    ['ExternalURL', input.externalUrl],
    ['Value', new GoFloat(input.value)],
  ]), 'interface {}');
  const state = new State(prog, ctx, LIMITS);
  try {
    state.run(data);
    return { ok: true, text: state.out };
  } catch (e) {
    const msg = e instanceof ExecError ? e.message : `template: ${input.name}: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: `error executing template ${input.name}: ${msg}` };
  }
}

/** What alerting.go stores when expansion fails. */
export function expandOrError(input: ExpandInput): string {
  const r = expandTemplate(input);
  return r.ok ? r.text : `<error expanding template: ${r.error}>`;
}

/** rulefmt's testTemplateParsing: only parsing, with empty data. */
export function checkTemplateParses(alertName: string, text: string): string | null {
  const funcs = alertTemplateFunctions({ externalUrl: '' });
  const name = '__alert_' + alertName;
  const parsed = parseTemplate(name, TEMPLATE_DEFS + text, (n) => Object.prototype.hasOwnProperty.call(funcs, n));
  return parsed.ok ? null : `error parsing template ${name}: ${parsed.error}`;
}

const jsRegexPort: AlertRegexPort = {
  compile(pattern) {
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'u');
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    const global = new RegExp(re.source, 'gu');
    return {
      ok: true,
      test: (s) => re.test(s),
      // Go's $1 / ${1} / ${name} expansion; JS uses $1 and $<name>.
      replaceAll: (s, repl, literal) =>
        literal ? s.replace(global, () => repl) : s.replace(global, repl.replace(/\$\{(\w+)\}/g, (_m, n: string) => (/^\d+$/.test(n) ? `$${n}` : `$<${n}>`))),
    };
  },
};

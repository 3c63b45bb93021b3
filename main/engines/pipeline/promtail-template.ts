/**
 * Promtail's template function map (stages/template.go): sprig's TxtFuncMap plus ToLower, ToUpper,
 * Replace, Trim*, Hash (SHA3-256 of salt+input), Sha2Hash (SHA-256 of salt+input),
 * regexReplaceAll and regexReplaceAllLiteral. Built from the template engine's map (Go builtins,
 * the sprig subset and the strings functions Loki shares with Promtail) without Loki's own
 * additions (__line__, __timestamp__, count, bytes, duration, unixEpoch…), which Promtail lacks.
 */
import type { CompileTemplate } from '../logql/ports';
import { compileTemplate, fn, TEMPLATE_FUNCTIONS, type FuncMap, type RegexPort as TemplateRegexPort } from '../logql/template/index';
import { sha256Hex, sha3_256Hex } from './hashes';

const LOKI_ONLY = new Set([
  '__line__', '__timestamp__', 'count', 'urldecode', 'urlencode', 'alignLeft', 'alignRight', 'bytes', 'duration',
  'unixEpoch', 'unixEpochMillis', 'unixEpochNanos', 'unixToTime',
]);

export const PROMTAIL_TEMPLATE_FUNCTIONS: FuncMap = {
  ...Object.fromEntries(Object.entries(TEMPLATE_FUNCTIONS).filter(([name]) => !LOKI_ONLY.has(name))),
  Hash: fn(['string', 'string'], (a) => sha3_256Hex(String(a[0]) + String(a[1]))),
  Sha2Hash: fn(['string', 'string'], (a) => sha256Hex(String(a[0]) + String(a[1]))),
};

/** Promtail names every template it parses "pipeline_template" (errors read "template: pipeline_template:1: …"). */
export const PROMTAIL_TEMPLATE_NAME = 'pipeline_template';

/** Compiles a template as Promtail's template and replace stages do: its function map, map[string]interface{} data. */
export function compilePromtailTemplate(text: string, regex: TemplateRegexPort): ReturnType<CompileTemplate> {
  return compileTemplate(PROMTAIL_TEMPLATE_NAME, text, { regex }, { functions: PROMTAIL_TEMPLATE_FUNCTIONS, dataType: 'map[string]interface {}' });
}

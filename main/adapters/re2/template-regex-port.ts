/**
 * The template engine's regex port (regexReplaceAll, regexReplaceAllLiteral, count…) on RE2:
 * the engine's makeGoRegexPort adds Go's replacement expansion; this supplies RE2 and Go's
 * wording of compile errors.
 */
import RE2 from 're2';
import { goRegexpError } from '../../../shared/logql/regex-errors';
import type { CompileTemplate, LogqlPorts } from '../../engines/logql/ports';
import { compileTemplate, makeGoRegexPort } from '../../engines/logql/template/index';
import { re2Port, subexpNames } from './re2-port';

export const templateRegexPort = makeGoRegexPort((pattern) => {
  let re: RE2;
  try {
    re = new RE2(pattern, 'gu');
  } catch (e) {
    throw new Error(goRegexpError(e instanceof Error ? e.message : String(e)));
  }
  return { re, names: subexpNames(pattern) };
});

/** The template engine bound to RE2: what LogqlPorts.compileTemplate expects in main. */
export const compileLokiTemplate: CompileTemplate = (name, text) => compileTemplate(name, text, { regex: templateRegexPort });

/** The LogQL engine's ports in main (Node): RE2 and the Go template engine. */
export const nodeLogqlPorts: LogqlPorts = { regex: re2Port, compileTemplate: compileLokiTemplate };

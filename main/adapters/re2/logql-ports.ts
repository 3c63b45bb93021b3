/** The LogQL engine's ports in main (Node): RE2 for Go regexp semantics, the Go template engine bound to RE2. */
import type { CompileTemplate, LogqlPorts } from '../../engines/logql/ports';
import { compileTemplate } from '../../engines/logql/template/index';
import { re2Port } from './re2-port';
import { templateRegexPort } from './template-regex-port';

/** The template engine as LogqlPorts.compileTemplate expects it. */
export const compileLokiTemplate: CompileTemplate = (name, text) => compileTemplate(name, text, { regex: templateRegexPort });

export const nodeLogqlPorts: LogqlPorts = { regex: re2Port, compileTemplate: compileLokiTemplate };

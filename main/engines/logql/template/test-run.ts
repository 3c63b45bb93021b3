// Test helper: compile and execute in one call, with the RE2 regex port and a fixed clock.
import { compileTemplate } from './index';
import { templateRegexPort } from '../../../adapters/re2/template-regex-port';

const ports = { regex: templateRegexPort };
export const CTX = { line: 'the original line', timestampNs: 1795132804517000000n };

/** The output, or "ERR <error>" (compile or execution). */
export function run(text: string, data: Record<string, string> = {}, ctx = CTX, name: 'line' | 'label' = 'line'): string {
  const c = compileTemplate(name, text, ports, { nowMs: () => 1795132800000 });
  if (!c.ok) return 'ERR ' + c.error;
  const r = c.template.execute(data, ctx);
  return r.ok ? r.text : 'ERR ' + r.error;
}

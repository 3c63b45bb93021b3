// A template that parses can still fail when Prometheus expands it (a function given the wrong
// kind of value, a bad regexp): the label or annotation then holds "<error expanding template:
// …>". Each template is expanded once with a sample alert to find those. (A template that does
// not parse is an error of the file: Prometheus refuses to load it.)

import { checkTemplateParses } from '../templates';
import type { Finding, Lint, LintInput } from './types';

function check(input: LintInput): Finding[] {
  const { rule, expandTemplate } = input;
  if (rule.kind !== 'alerting' || !expandTemplate) return [];
  const out: Finding[] = [];
  for (const [what, list] of [['label', rule.labels], ['annotation', rule.annotations]] as const) {
    for (const { key, value } of list) {
      if (checkTemplateParses(rule.name, value.value) !== null) continue;
      const err = expandTemplate(rule.name, value.value);
      if (err === null) continue;
      out.push({
        code: 'template-error',
        severity: 'warning',
        message: `${what} ${key}: expanding this template for a sample alert (labels instance and job, value 1) fails: ${err}. Where that happens Prometheus sets the ${what} to "<error expanding template: …>"`,
        ...value.range,
        fix: null,
      });
    }
  }
  return out;
}

export const templateError: Lint = { code: 'template-error', summary: 'a label or annotation template that fails when expanded', check };

/**
 * `rules.check`: the rule file checked as the editor needs it — positioned errors (YAML,
 * rulefmt validation, PromQL or LogQL inside `expr`, templates), each group's language, and
 * the lints with their fixes. LogQL is parsed as Loki validates it (RE2, Go templates).
 */
import type { RuleFileCheck } from '../../../shared/contract/alerts';
import { expandTemplate } from '../../engines/alerting/templates';
import { checkRuleFile, type FileCheck } from '../../engines/alerting/lint/check-file';
import type { MetricType } from '../../engines/alerting/lint/types';
import { templateRegexPort } from '../../adapters/re2/template-regex-port';
import { pipelineMetricTypes } from './pipeline-metrics';
import { parseQuery } from '../logql/logql-ports';

/** Expands a template once with a sample alert, as Prometheus would: the error, or null. */
function tryExpand(ruleName: string, text: string): string | null {
  const r = expandTemplate({
    name: `__alert_${ruleName}`, text, labels: { __name__: 'metric', instance: 'host:9100', job: 'job' }, externalLabels: {},
    externalUrl: 'http://localhost:9090', value: 1, env: { externalUrl: 'http://localhost:9090' }, regex: templateRegexPort,
  });
  return r.ok ? null : r.error;
}

export function checkRules(text: string, options: { metricTypes?: ReadonlyMap<string, MetricType>; defaultIntervalMs?: number } = {}): FileCheck {
  return checkRuleFile(text, { parseLogql: parseQuery, expandTemplate: tryExpand, ...options });
}

/** With a pipeline, its metrics stages say which series are counters and which gauges. */
export function checkRulesHandler(input: { rules: string; pipeline?: string | undefined }): RuleFileCheck {
  return checkRules(input.rules, input.pipeline ? { metricTypes: pipelineMetricTypes(input.pipeline) } : {});
}

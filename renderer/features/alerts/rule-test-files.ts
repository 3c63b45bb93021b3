import { parseDocument } from 'yaml';

/**
 * The rule files a promtool unit-test file names (`rule_files:`), read leniently: the test
 * file is checked for real by `rules.test`; this only decides under which name(s) the rule
 * file in the editor is handed over.
 */
export function ruleFileNames(testFile: string): string[] {
  let value: unknown;
  try {
    const doc = parseDocument(testFile, { prettyErrors: false });
    value = doc.errors.length ? null : doc.toJS();
  } catch {
    return [];
  }
  if (!value || typeof value !== 'object') return [];
  const files = (value as { rule_files?: unknown }).rule_files;
  if (!Array.isArray(files)) return [];
  return [...new Set(files.filter((f): f is string => typeof f === 'string' && f.trim() !== ''))];
}

/** What `rules.test` gets: the editor's rule text under every name the test file lists. */
export function rulesTestInput(testFile: string, rules: string): { test: string; ruleFiles: Record<string, string> } {
  return { test: testFile, ruleFiles: Object.fromEntries(ruleFileNames(testFile).map((n) => [n, rules])) };
}

/** A starting test for the seed rule: promtool's format, one alert_rule_test. */
export const EXAMPLE_TEST = `rule_files:
  - rules.yml

evaluation_interval: 1m

tests:
  - interval: 1m
    input_series:
      - series: 'promtail_custom_error_total{instance="web-1"}'
        values: '0 1 2 3 4 5 6 7 8 9 10'
    alert_rule_test:
      - eval_time: 10m
        alertname: Error_total
        exp_alerts:
          - exp_labels:
              severity: critical
              instance: web-1
            exp_annotations:
              summary: "Instance web-1 is invaded by custom errors!"
`;

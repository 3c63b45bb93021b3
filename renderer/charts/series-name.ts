import { formatLabels, type Labels } from '../../shared/model/labels';

/**
 * Display names as Grafana gives them: when every series has exactly one label and it is the
 * same label, the value alone (`error`, `warn`); otherwise the label set as Loki prints it
 * (`{job="x", level="error"}`). A series with no labels (`sum(…)` without `by`) is named by the
 * query, as Grafana names it by its expression.
 */
export function seriesNames(metrics: readonly Labels[], fallback: string): string[] {
  const keys = metrics.map((m) => Object.keys(m));
  const first = keys[0]?.[0];
  const single = first !== undefined && keys.every((k) => k.length === 1 && k[0] === first) ? first : null;
  return metrics.map((m) => {
    if (Object.keys(m).length === 0) return fallback || '{}';
    return single !== null ? m[single]! : formatLabels(m);
  });
}

// Which promqltest evals touch native histograms, decided from the data rather than from case
// names: the loads say which series hold native histogram samples ({{…}} values, or classic
// histograms also loaded as native ones by load_with_nhcb); an eval touches them when one of
// its vector or matrix selectors (walked through the parsed expression, subqueries and function
// arguments included) matches such a series with Prometheus' matcher semantics (anchored RE2
// regexes, a missing label reads as "").

import type { Expr, LabelMatcher, VectorSelector } from '../../../../shared/promql/ast';
import { parsePromql } from '../../../../shared/promql/parse';
import { formatLabels, getLabel, labelsFromRecord, type Labels } from '../../../engines/tsdb/labels';
import type { RegexPort } from '../../../engines/logql/ports';
import type { PromqlLoad } from '../suites/promql-script';

const histogramSeriesCache = new WeakMap<PromqlLoad[], Labels[]>();

/** Series of these loads with at least one native histogram sample. */
export function histogramSeries(loads: PromqlLoad[]): Labels[] {
  let found = histogramSeriesCache.get(loads);
  if (found) return found;
  const byKey = new Map<string, Labels>();
  for (const load of loads) {
    for (const s of load.series) {
      const native = s.values.some((v) => v.kind === 'histogram') ? s.labels : load.withNhcb ? nhcbSeries(s.labels) : undefined;
      if (native) byKey.set(formatLabels(labelsFromRecord(native)), labelsFromRecord(native));
    }
  }
  found = [...byKey.values()];
  histogramSeriesCache.set(loads, found);
  return found;
}

/** load_with_nhcb also loads `<name>_bucket{le=…, rest}` series as a native histogram `<name>{rest}`. */
function nhcbSeries(labels: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const name = labels['__name__'] ?? '';
  if (!name.endsWith('_bucket') || !('le' in labels)) return undefined;
  const { le: _le, ...rest } = labels;
  return { ...rest, __name__: name.slice(0, -'_bucket'.length) };
}

/** Every vector selector of the expression, including those under matrix selectors and subqueries. */
export function selectorsOf(e: Expr): VectorSelector[] {
  switch (e.kind) {
    case 'vectorSelector':
      return [e];
    case 'matrixSelector':
      return [e.vector];
    case 'subquery':
    case 'paren':
    case 'unary':
      return selectorsOf(e.expr);
    case 'binary':
      return [...selectorsOf(e.left), ...selectorsOf(e.right)];
    case 'aggregate':
      return [...selectorsOf(e.expr), ...(e.param ? selectorsOf(e.param) : [])];
    case 'call':
      return e.args.flatMap(selectorsOf);
    case 'number':
    case 'string':
    case 'duration':
      return [];
  }
}

function matcherHolds(m: LabelMatcher, labels: Labels, regex: RegexPort): boolean {
  const value = getLabel(labels, m.name);
  if (m.type === '=') return value === m.value;
  if (m.type === '!=') return value !== m.value;
  const compiled = regex.compile(`^(?s:${m.value})$`);
  // A selector with a bad regex selects nothing (the engine reports the error itself).
  if (!compiled.ok) return false;
  return compiled.regex.test(value) === (m.type === '=~');
}

/**
 * The first series with native histogram samples that the expression selects, formatted as
 * `{__name__="…", …}`; undefined when it selects none (or does not parse: the engine's error
 * is then what the case is judged on).
 */
export function selectedHistogramSeries(expr: string, loads: PromqlLoad[], regex: RegexPort): string | undefined {
  const series = histogramSeries(loads);
  if (!series.length) return undefined;
  const parsed = parsePromql(expr);
  if (!parsed.ok) return undefined;
  for (const sel of selectorsOf(parsed.expr)) {
    const hit = series.find((labels) => sel.matchers.every((m) => matcherHolds(m, labels, regex)));
    if (hit) return formatLabels(hit);
  }
  return undefined;
}

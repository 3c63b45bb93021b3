/** Test helpers for parser hints: the pipeline a metric query's extractor runs, and one line through it. */
import type { RangeAggregationExpr } from '../../../shared/logql/ast';
import { parseLogql } from '../../../shared/logql/parse';
import { ports } from '../../adapters/re2/logql-test-kit';
import { re2CheckRegex } from '../../adapters/re2/re2-port';
import { metricHintSpec } from './metric/extract';
import { extractorSpec } from './metric/plan';
import { buildPipeline, type Pipeline } from './pipeline';

/** The extractor pipeline of `query`'s range aggregation (a parent `sum`'s grouping pushed down, as the planner does). */
export function extractorPipeline(query: string): Pipeline {
  const r = parseLogql(query, { checkRegex: re2CheckRegex });
  if (!r.ok) throw new Error(r.error.message);
  const e = r.expr;
  let range: RangeAggregationExpr;
  let spec;
  if (e.kind === 'vectorAggregation' && e.expr.kind === 'rangeAggregation') {
    range = e.expr;
    spec = extractorSpec(range, e.op === 'sum' && range.grouping === null ? (e.grouping ?? { without: false, labels: [], span: e.span }) : undefined);
  } else if (e.kind === 'rangeAggregation') spec = extractorSpec(e, undefined);
  else throw new Error(`no range aggregation at the top of ${query}`);
  const built = buildPipeline(spec.stages, ports, { metricHints: metricHintSpec(spec) });
  if (!built.ok) throw new Error(built.error.message);
  return built.pipeline;
}

/** The labels a line ends with in that pipeline (stream labels left out unless changed); null when dropped. */
export function extracted(query: string, line: string, labels: Record<string, string> = { job: 'test' }): Record<string, string> | null {
  const out = extractorPipeline(query).forStream(labels).process(1_700_000_000_000_000_000n, line);
  if (!out) return null;
  const res: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.labels)) if (labels[k] !== v) res[k] = v;
  return res;
}

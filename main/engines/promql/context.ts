/** What one query evaluation carries: the store, the query's time parameters, the ports, its annotations. */
import type { Expr, Span, VectorSelector } from '../../../shared/promql/ast.js';
import { lineCol } from '../../../shared/promql/tree.js';
import type { RegexPort } from '../logql/ports.js';
import type { SeriesView, Storage } from '../tsdb/storage.js';
import type { Annotations } from './values.js';

export interface EngineOptions {
  /** Lookback delta of instant selectors (Prometheus' default is 5m). */
  lookbackDeltaMs?: number;
  /** Step of subqueries written without one (Prometheus uses the global evaluation interval; promqltest 1m). */
  subqueryStepMs?: number;
  /** Most samples one query may hold at once (Prometheus' --query.max-samples, 50,000,000 by default). */
  maxSamples?: number;
}

export interface EvalContext {
  storage: Storage;
  regex: RegexPort;
  text: string;
  startMs: number;
  endMs: number;
  /** 0 for instant queries. */
  stepMs: number;
  lookbackMs: number;
  subqueryStepMs: number;
  maxSamples: number;
  annotations: Annotations;
  /** Series of each selector, selected once per query (matchers do not depend on time). */
  selected: Map<VectorSelector, SeriesView[]>;
  /** Selections kept across the engine's queries, valid while the store's generation is theirs. */
  selections: WeakMap<VectorSelector, { generation: number; series: SeriesView[] }>;
  /** Where each selector's series were last read (see selectors.ts seekAfter). */
  cursors: Map<VectorSelector, SeriesCursor>;
}

/** Per series of a selector: the last `after` time sought and the index found for it. */
export interface SeriesCursor {
  after: Float64Array;
  index: Int32Array;
}

/** Prometheus' ErrTooManySamples, raised where a query would hold more than maxSamples samples. */
export const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory in query execution';

/** "(1:7)": where an annotation points, as Prometheus' PositionRange.StartPosInput. */
export function pos(ctx: EvalContext, e: Expr | { span: Span }): string {
  return ` (${lineCol(ctx.text, e.span.start)})`;
}

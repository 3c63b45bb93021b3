/**
 * Loki's query frontend shards metric queries (pkg/logql/shardmapper.go) even on a single
 * binary, and one of its rewrites changes answers: `avg_over_time(X | unwrap v) by (g)` becomes
 *
 *   sum by (g) (sum_over_time(X | unwrap v)) / sum by (g) (count_over_time(X))
 *
 * where the count side drops the unwrap (LogRangeExpr.WithoutUnwrap): a line that passes the
 * pipeline but has no (or an empty) `v` gives no sample to the sum yet counts in the division,
 * as if it were a zero. The rewrite applies where the mapper reaches the range aggregation
 * (the root, either side of a binary operation, under label_replace, or under a vector
 * aggregation it cannot shard whole) and only when the grouping or the pipeline may reduce
 * labels (ReducesLabels) or a grouping other than `without ()` was written.
 * Every other rewrite of the mapper gives the same answers, so only this one is reproduced.
 */
import type { Expr, Grouping, MetricExpr, RangeAggregationExpr, VectorAggregationExpr } from '../../../../shared/logql/ast';

const SHARDABLE_RANGE = new Set(['avg_over_time', 'count_over_time', 'first_over_time', 'last_over_time', 'rate', 'bytes_over_time', 'bytes_rate', 'sum_over_time', 'max_over_time', 'min_over_time', 'quantile_over_time']);
const SHARDABLE_VECTOR = new Set(['sum', 'avg', 'count', 'max', 'min', 'approx_topk']);
const SHARDABLE_BINARY = new Set(['+', '*']);

const groupingReduces = (g: Grouping | null): boolean => g !== null && g.labels.length > 0;

/** syntax.ReducesLabels: a reducing grouping anywhere, keep / drop, or a label_format rename. */
export function reducesLabels(e: Expr): boolean {
  switch (e.kind) {
    case 'rangeAggregation':
      return groupingReduces(e.grouping) || reducesLabels(e.range.query);
    case 'vectorAggregation':
      return groupingReduces(e.grouping) || reducesLabels(e.expr);
    case 'binary':
      return reducesLabels(e.left) || reducesLabels(e.right);
    case 'labelReplace':
      return reducesLabels(e.expr);
    case 'logQuery':
      return e.stages.some((s) => s.kind === 'keep' || s.kind === 'drop' || (s.kind === 'labelFormat' && s.ops.some((o) => o.kind === 'rename')));
    default:
      return false;
  }
}

/** Expr.Shardable(topLevel), as ast.go defines it per node. */
function shardable(e: Expr, topLevel: boolean): boolean {
  switch (e.kind) {
    case 'rangeAggregation':
      if (e.op === 'quantile_over_time' && !topLevel) return false;
      return SHARDABLE_RANGE.has(e.op);
    case 'vectorAggregation':
      return vectorShardable(e, topLevel);
    case 'binary':
      if (e.matching && (e.matching.on || e.matching.labels.length > 0)) return false;
      return SHARDABLE_BINARY.has(e.op) && shardable(e.left, topLevel) && shardable(e.right, topLevel);
    case 'literal':
    case 'logQuery':
      return true;
    default:
      return false; // vector(), label_replace
  }
}

function vectorShardable(e: VectorAggregationExpr, topLevel: boolean): boolean {
  if (!SHARDABLE_VECTOR.has(e.op) || !shardable(e.expr, topLevel)) return false;
  switch (e.op) {
    case 'count':
    case 'avg':
      return !reducesLabels(e.expr);
    case 'max':
    case 'min':
      return e.expr.kind === 'rangeAggregation' && shardable(e.expr, false);
    case 'sum':
      return !(e.expr.kind === 'vectorAggregation' && (e.expr.op === 'min' || e.expr.op === 'max'));
    default:
      return true;
  }
}

function splitAvg(e: RangeAggregationExpr): MetricExpr {
  const grouping: Grouping = e.grouping ?? { without: true, labels: [], span: e.span };
  const unwrap = e.range.unwrap;
  // LabelExtractorWithStages drops the unwrapped label under `without`: the count side must too.
  const countGrouping: Grouping = grouping.without && unwrap ? { ...grouping, labels: [...grouping.labels, unwrap.label] } : grouping;
  const sum: VectorAggregationExpr = {
    kind: 'vectorAggregation',
    op: 'sum',
    param: null,
    grouping,
    expr: { ...e, op: 'sum_over_time', grouping: null },
    span: e.span,
  };
  const count: VectorAggregationExpr = {
    kind: 'vectorAggregation',
    op: 'sum',
    param: null,
    grouping: countGrouping,
    expr: { ...e, op: 'count_over_time', grouping: null, range: { ...e.range, unwrap: null } },
    span: e.span,
  };
  return { kind: 'binary', op: '/', returnBool: false, matching: null, left: sum, right: count, span: e.span };
}

/** ShardMapper.Map over the AST, rewriting the avg_over_time nodes it would rewrite. */
export function mapShardedAvg(e: MetricExpr, topLevel = true): MetricExpr {
  switch (e.kind) {
    case 'rangeAggregation': {
      if (e.op !== 'avg_over_time' || !shardable(e, topLevel)) return e;
      const g = e.grouping;
      const noop = g === null || (g.without && g.labels.length === 0);
      return reducesLabels(e) || !noop ? splitAvg(e) : e;
    }
    case 'vectorAggregation': {
      if (vectorShardable(e, topLevel)) {
        // Sent whole to a shard (children untouched), except where the mapper descends.
        const descends = (e.op === 'min' || e.op === 'max' || e.op === 'count') && reducesLabels(e.expr);
        if (!descends) return e;
      } else if (e.op === 'approx_topk') return e;
      return { ...e, expr: mapShardedAvg(e.expr, false) };
    }
    case 'binary':
      return {
        ...e,
        left: e.left.kind === 'logQuery' ? e.left : mapShardedAvg(e.left, topLevel),
        right: e.right.kind === 'logQuery' ? e.right : mapShardedAvg(e.right, topLevel),
      };
    case 'labelReplace':
      return { ...e, expr: mapShardedAvg(e.expr, topLevel) };
    default:
      return e;
  }
}

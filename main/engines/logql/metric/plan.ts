/**
 * Query planning: the metric AST becomes a tree of step evaluators, each answering "the vector at
 * step k". Literal-only subtrees fold to numbers as Loki's parser reduces them; a `sum` directly
 * over count/rate/bytes/sum_over_time pushes its grouping into the extractor (Loki's
 * canInjectVectorGrouping); line_format stages that no later parser or line filter reads are
 * dropped for non-bytes functions (Loki's removeLineformat).
 */
import type { Expr, Grouping, LogqlError, MetricExpr, PipelineStage, RangeAggregationExpr } from '../../../../shared/logql/ast';
import { selectorMatcher } from '../matchers';
import type { LogqlPorts } from '../ports';
import { applyOp, literalBinop, vectorBinop } from './binop';
import { buildExtractor, type ExtractorSpec } from './extract';
import type { StepGrid } from './grid';
import { labelReplace } from './label-replace';
import { RangeLeaf } from './leaf';
import { mapShardedAvg } from './shard-avg';
import { aggregate, MetricFailure, type Sample } from './vector';

export interface StepNode {
  at(k: number, tsMs: bigint): Sample[];
}

export type PlanResult = { ok: true; node: StepNode; leaves: RangeLeaf[]; sortable: boolean } | { ok: false; error: LogqlError };

/** The value of a literal-only expression, or null when a vector takes part. */
export function foldLiteral(e: Expr): number | null {
  if (e.kind === 'literal') return e.value;
  if (e.kind !== 'binary') return null;
  const l = foldLiteral(e.left);
  const r = foldLiteral(e.right);
  return l === null || r === null ? null : applyOp(e.op, l, r);
}

const INJECTABLE = new Set(['bytes_over_time', 'bytes_rate', 'sum_over_time', 'rate', 'count_over_time']);
const PARSERS = new Set(['json', 'logfmt', 'regexp', 'pattern', 'unpack']);

function removeLineFormat(stages: PipelineStage[], op: string): PipelineStage[] {
  if (op === 'bytes_over_time' || op === 'bytes_rate') return stages;
  return stages.filter((s, i) => s.kind !== 'lineFormat' || stages.slice(i).some((x) => PARSERS.has(x.kind) || x.kind === 'lineFilter'));
}

/** The extractor of one range aggregation, with a parent sum's grouping when pushed down. */
export function extractorSpec(e: RangeAggregationExpr, override: Grouping | null | undefined): ExtractorSpec {
  const g = override !== undefined ? override : e.grouping;
  const groups = g ? [...g.labels].sort() : [];
  const isWithout = g ? g.without : false;
  const noLabels = e.op === 'absent_over_time' || (g !== null && !g.without && g.labels.length === 0);
  const stages = removeLineFormat(e.range.query.stages, e.op);
  // Parser hints are computed from these by the pipeline (parser-hints.ts).
  return { op: e.op, stages, unwrap: e.range.unwrap, groups, without: isWithout, noLabels };
}

class Failed extends Error {
  constructor(readonly error: LogqlError) {
    super(error.message);
  }
}

export function plan(root: MetricExpr, grid: StepGrid, ports: LogqlPorts): PlanResult {
  const leaves: RangeLeaf[] = [];
  let sortable = false;
  const leaf = (e: RangeAggregationExpr, override?: Grouping | null): StepNode => {
    const sel = selectorMatcher(e.range.query.matchers, ports.regex);
    if (!sel.ok) throw new Failed({ message: `parse error : ${sel.error}`, span: e.range.query.span });
    const ex = buildExtractor(extractorSpec(e, override), ports);
    if (!ex.ok) throw new Failed(ex.error);
    const l = new RangeLeaf(e, ex.extractor, sel.value, grid);
    leaves.push(l);
    return { at: (k) => l.vectorAt(k) };
  };
  const build = (e: MetricExpr): StepNode => {
    switch (e.kind) {
      case 'rangeAggregation':
        return leaf(e);
      case 'vectorAggregation': {
        if (e.op === 'sort' || e.op === 'sort_desc') sortable = true;
        const inner = e.expr;
        const child = inner.kind === 'rangeAggregation' && e.op === 'sum' && inner.grouping === null && INJECTABLE.has(inner.op) ? leaf(inner, e.grouping ?? { without: false, labels: [], span: e.span }) : build(inner);
        return { at: (k, ts) => aggregate(e.op, e.param, e.grouping, child.at(k, ts)) };
      }
      case 'vector':
        return { at: () => [{ labels: {}, value: e.value }] };
      case 'labelReplace': {
        const re = ports.regex.compile(`^(?:${e.regex})$`);
        if (!re.ok) throw new Failed({ message: `parse error : invalid regex in label_replace: ${re.error}`, span: e.span });
        const child = build(e.expr);
        return { at: (k, ts) => labelReplace(child.at(k, ts), re.regex, e.dst, e.replacement, e.src) };
      }
      case 'literal':
        throw new MetricFailure(400, `unexpected literal ${e.value} where a vector is required`);
      case 'binary': {
        const folded = foldLiteral(e);
        if (folded !== null) throw new MetricFailure(400, `unexpected literal ${folded} where a vector is required`);
        const l = foldLiteral(e.left);
        const r = foldLiteral(e.right);
        if (e.left.kind === 'logQuery' || e.right.kind === 'logQuery') throw new MetricFailure(400, 'unexpected log query in a binary operation');
        if (l !== null) {
          const child = build(e.right);
          return { at: (k, ts) => literalBinop(e.op, l, child.at(k, ts), true, e.returnBool) };
        }
        if (r !== null) {
          const child = build(e.left);
          return { at: (k, ts) => literalBinop(e.op, r, child.at(k, ts), false, e.returnBool) };
        }
        const left = build(e.left);
        const right = build(e.right);
        return {
          at: (k, ts) => {
            // Loki steps the right leg first; the order only decides which error is reported.
            const rv = right.at(k, ts);
            const lv = left.at(k, ts);
            return vectorBinop(e.op, e.returnBool, e.matching, lv, rv);
          },
        };
      }
    }
  };
  try {
    // The query frontend's shard mapping runs before evaluation (see shard-avg.ts).
    const node = build(mapShardedAvg(root));
    return { ok: true, node, leaves, sortable };
  } catch (err) {
    if (err instanceof Failed) return { ok: false, error: err.error };
    throw err;
  }
}

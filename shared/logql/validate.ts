/**
 * Semantic validation of a parsed query, with Loki's messages, in Loki's order:
 * 1. what Loki checks while building the tree (matcher regexes, regexp / pattern parsers,
 *    numeric literals) — source order;
 * 2. validateExpr (binary operation legs, aggregation parameters and grouping, unwrap,
 *    label_replace regex, the "at least one non-empty matcher" rule) — tree order;
 * 3. what Loki checks when it builds the pipeline stages (line filter regexes and patterns,
 *    ip(), templates) — `stage '<text>' : <error>`, line filters first as Loki reorders them.
 */
import type { Expr, LabelMatcher, LogqlError, LogQueryExpr, MetricExpr, PipelineStage, Span } from './ast.js';
import { ipPatternError } from './ip-pattern.js';
import { patternLineFilterError, patternParserError } from './pattern-expr.js';
import { printLineFilter, printStage } from './print.js';
import { regexCaptures, regexMatchesEmptyApprox } from './regex-captures.js';
import { walk } from './walk.js';

export interface ValidateOptions {
  /** Go-worded error (`error parsing regexp: …`) for an invalid RE2 pattern, else null. */
  checkRegex?: (pattern: string) => string | null;
  /** Go text/template error (`template: line:1: unclosed action`), else null. */
  checkTemplate?: (text: string) => string | null;
  /** Whether a regexp fully matches ''; defaults to an approximation with JS RegExp. */
  regexMatchesEmpty?: (pattern: string) => boolean;
}

const EMPTY_MATCHERS =
  'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';

class Failure {
  constructor(readonly error: LogqlError) {}
}
const fail = (message: string, span: Span): never => {
  throw new Failure({ message: `parse error : ${message}`, span });
};
const goFloatSyntax = (s: string) => `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`;

export function validateExpr(expr: Expr, src: string, opts: ValidateOptions = {}): LogqlError | null {
  try {
    constructionChecks(expr, src, opts);
    sampleChecks(expr, src, opts);
    stageChecks(expr, opts);
    return null;
  } catch (e) {
    if (e instanceof Failure) return e.error;
    throw e;
  }
}

function checkMatcherRegex(m: LabelMatcher, opts: ValidateOptions): void {
  if (m.op !== '=~' && m.op !== '!~') return;
  const err = opts.checkRegex?.(m.value);
  if (err) fail(err, m.span);
}

function constructionChecks(root: Expr, src: string, opts: ValidateOptions): void {
  walk(root, {
    enter(node) {
      switch (node.kind) {
        case 'logQuery':
          node.matchers.forEach((m) => checkMatcherRegex(m, opts));
          break;
        case 'string':
          checkMatcherRegex(node.matcher, opts);
          break;
        case 'number':
          if (Number.isNaN(node.value)) fail(`unable to parse literal as a float: ${goFloatSyntax(src.slice(node.span.from, node.span.to))}`, node.span);
          break;
        case 'drop':
        case 'keep':
          node.labels.forEach((l) => l.matcher && checkMatcherRegex(l.matcher, opts));
          break;
        case 'regexp': {
          const err = opts.checkRegex?.(node.pattern);
          if (err && !err.includes('duplicate capture group name')) fail(`invalid regexp parser: ${err}`, node.span);
          const caps = regexCaptures(node.pattern);
          if (caps.count === 0) fail('invalid regexp parser: at least one named capture must be supplied', node.span);
          const seen = new Set<string>();
          for (const n of caps.names) {
            if (n === '') continue;
            if (seen.has(n)) fail(`invalid regexp parser: duplicate extracted label name '${n}'`, node.span);
            seen.add(n);
          }
          if (seen.size === 0) fail('invalid regexp parser: at least one named capture must be supplied', node.span);
          break;
        }
        case 'pattern': {
          const err = patternParserError(node.pattern);
          if (err) fail(`invalid pattern parser: ${err}`, node.span);
          break;
        }
      }
    },
  });
}

/** The text of a vector aggregation's parameter, as written (`topk(2.5, …)` → `2.5`). */
function paramText(src: string, span: Span): string {
  const m = /\(\s*([^,\s()]+)\s*,/.exec(src.slice(span.from, span.to));
  return m?.[1] ?? '';
}

const isLiteral = (e: Expr): boolean => e.kind === 'literal' || (e.kind === 'binary' && !isLogical(e.op) && isLiteral(e.left) && isLiteral(e.right));
const isLogical = (op: string) => op === 'and' || op === 'or' || op === 'unless';
const goType = (e: LogQueryExpr) => (e.stages.length ? '*syntax.PipelineExpr' : '*syntax.MatchersExpr');

const groupingAllowed = new Set(['avg_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'max_over_time', 'min_over_time', 'first_over_time', 'last_over_time']);
const unwrapAllowed = new Set(['avg_over_time', 'sum_over_time', 'max_over_time', 'min_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'rate', 'rate_counter', 'absent_over_time', 'first_over_time', 'last_over_time']);
const noUnwrapAllowed = new Set(['bytes_over_time', 'bytes_rate', 'count_over_time', 'rate', 'absent_over_time']);

function checkMatchers(q: LogQueryExpr, opts: ValidateOptions): void {
  const matchesEmpty = opts.regexMatchesEmpty ?? regexMatchesEmptyApprox;
  const selective = q.matchers.some((m) => {
    switch (m.op) {
      case '=':
        return m.value !== '';
      case '!=':
        return m.value === '';
      case '=~':
        return !matchesEmpty(m.value);
      case '!~':
        return matchesEmpty(m.value);
    }
  });
  if (!selective) fail(EMPTY_MATCHERS, q.span);
}

/** Loki's validateSampleExpr / validateLogSelectorExpression, with the constructors' stored errors. */
function sampleChecks(e: Expr, src: string, opts: ValidateOptions): void {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    switch (x.kind) {
      case 'logQuery':
        checkMatchers(x, opts);
        break;
      case 'literal':
      case 'vector':
        if (Number.isNaN(x.value)) fail(`unable to parse ${x.kind === 'literal' ? 'literal' : 'vectorExpr'} as a float: ${goFloatSyntax(src.slice(x.span.from, x.span.to).replace(/^vector\(\s*|\s*\)$/g, ''))}`, x.span);
        break;
      case 'binary':
        binaryChecks(x);
        stack.push(x.right, x.left);
        break;
      case 'vectorAggregation':
        vectorAggregationChecks(x, src);
        stack.push(x.expr);
        break;
      case 'labelReplace': {
        const err = opts.checkRegex?.(`^(?:${x.regex})$`);
        if (err) fail(`invalid regex in label_replace: ${err}`, x.span);
        stack.push(x.expr);
        break;
      }
      case 'rangeAggregation':
        rangeAggregationChecks(x);
        checkMatchers(x.range.query, opts);
        break;
    }
  }
}

function binaryChecks(x: Extract<Expr, { kind: 'binary' }>): void {
  if (x.left.kind === 'logQuery') fail(`unexpected type for left leg of binary operation (${x.op}): ${goType(x.left)}`, x.span);
  if (x.right.kind === 'logQuery') fail(`unexpected type for right leg of binary operation (${x.op}): ${goType(x.right)}`, x.span);
  if (isLogical(x.op)) {
    const value = (e: Expr) => (e.kind === 'literal' ? e.value : NaN).toFixed(6);
    if (isLiteral(x.left)) fail(`unexpected literal for left leg of logical/set binary operation (${x.op}): ${value(x.left)}`, x.span);
    if (isLiteral(x.right)) fail(`unexpected literal for right leg of logical/set binary operation (${x.op}): ${value(x.right)}`, x.span);
  }
}

function vectorAggregationChecks(x: Extract<MetricExpr, { kind: 'vectorAggregation' }>, src: string): void {
  const text = x.param === null ? null : paramText(src, x.span);
  if (x.op === 'topk' || x.op === 'bottomk' || x.op === 'approx_topk') {
    if (text === null) fail(`parameter required for operation ${x.op}`, x.span);
    if (!/^[+-]?\d+$/.test(text!)) fail(`invalid parameter ${x.op}(${text},`, x.span);
    if (Number(text) <= 0) fail(`invalid parameter (must be greater than 0) ${x.op}(${text}`, x.span);
    if (x.op === 'approx_topk' && x.grouping) fail(`grouping not allowed for ${x.op} aggregation`, x.span);
  } else if (text !== null) fail(`unsupported parameter for operation ${x.op}(${text},`, x.span);
  if ((x.op === 'sort' || x.op === 'sort_desc') && x.grouping && x.grouping.labels.length) fail('sort and sort_desc doesn\'t allow grouping by ', x.span);
}

function rangeAggregationChecks(x: Extract<MetricExpr, { kind: 'rangeAggregation' }>): void {
  if (x.param !== null) {
    if (x.op !== 'quantile_over_time') fail(`parameter ${x.param} not supported for operation ${x.op}`, x.span);
    if (Number.isNaN(x.param)) fail(`invalid parameter for operation ${x.op}: invalid syntax`, x.span);
  } else if (x.op === 'quantile_over_time') fail(`parameter required for operation ${x.op}`, x.span);
  if (x.grouping && !groupingAllowed.has(x.op)) fail(`grouping not allowed for ${x.op} aggregation`, x.span);
  if (x.range.unwrap) {
    if (!unwrapAllowed.has(x.op)) fail(`invalid aggregation ${x.op} with unwrap`, x.span);
  } else if (!noUnwrapAllowed.has(x.op)) fail(`invalid aggregation ${x.op} without unwrap`, x.span);
}

/** Loki's reorderStages: runs of line filters move before the other stages, up to a label filter, line_format or unpack. */
function stagesInBuildOrder(stages: PipelineStage[]): PipelineStage[][] {
  const result: PipelineStage[][] = [];
  let lineFilters: PipelineStage[] = [];
  let others: PipelineStage[][] = [];
  const combine = () => {
    if (lineFilters.length) result.push(lineFilters);
    result.push(...others);
    lineFilters = [];
    others = [];
  };
  for (const s of stages) {
    if (s.kind === 'labelFilter') {
      combine();
      result.push([s]);
    } else if (s.kind === 'lineFilter') lineFilters.push(s);
    else {
      others.push([s]);
      if (s.kind === 'lineFormat' || s.kind === 'unpack') combine();
    }
  }
  combine();
  return result;
}

function stageError(s: PipelineStage, opts: ValidateOptions): string | null {
  switch (s.kind) {
    case 'lineFilter':
      for (const v of s.values) {
        if (v.kind === 'ip') {
          if (s.op !== '|=' && s.op !== '!=') return 'ip: invalid operation';
          const err = ipPatternError(v.pattern);
          if (err) return err;
        } else if (s.op === '|~' || s.op === '!~') {
          const err = opts.checkRegex?.(v.value);
          if (err) return err;
        } else if (s.op === '|>' || s.op === '!>') {
          const err = patternLineFilterError(v.value);
          if (err) return err;
        }
      }
      return null;
    case 'lineFormat': {
      const err = opts.checkTemplate?.(s.template);
      return err ? `invalid line template: ${err}` : null;
    }
    case 'labelFormat': {
      const seen = new Set<string>();
      for (const op of s.ops) {
        if (seen.has(op.dst)) return `multiple label name '${op.dst}' not allowed in a single format operation`;
        seen.add(op.dst);
        const err = op.kind === 'template' ? opts.checkTemplate?.(op.template) : null;
        if (err) return `invalid template for label '${op.dst}': ${err}`;
      }
      return null;
    }
    default:
      return null;
  }
}

function stageChecks(root: Expr, opts: ValidateOptions): void {
  walk(root, {
    enter(node) {
      if (node.kind !== 'logQuery') return;
      for (const group of stagesInBuildOrder(node.stages)) {
        for (const s of group) {
          const err = stageError(s, opts);
          if (!err) continue;
          const text = group.map((g) => (g.kind === 'lineFilter' ? printLineFilter(g) : printStage(g))).join(' ');
          fail(`stage '${text}' : ${err}`, s.span);
        }
      }
      return false;
    },
  });
}

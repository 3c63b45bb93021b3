/**
 * Static typing of a PromQL AST, as Prometheus' parser checkAST: the value type of each node
 * and the errors Prometheus raises before evaluation (argument types, bool placement, set
 * operators on scalars, vector matching between non-vectors).
 */
import type { Expr, ValueType } from './ast.js';
import { PromqlParseError } from './errors.js';
import { FUNCTIONS } from './functions.js';

const COMPARISON = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);

const TYPE_NAME: Record<ValueType, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };

export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
    case 'duration':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
    case 'aggregate':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'paren':
      return typeOf(e.expr);
    case 'unary':
      return typeOf(e.expr);
    case 'binary':
      return typeOf(e.left) === 'scalar' && typeOf(e.right) === 'scalar' ? 'scalar' : 'vector';
    case 'call':
      return FUNCTIONS[e.func]?.returns ?? 'vector';
  }
}

export function checkAst(e: Expr, text: string): void {
  const fail = (detail: string, at: Expr): never => {
    throw new PromqlParseError(detail, at.span, text);
  };
  const expect = (want: ValueType, got: Expr, context: string) => {
    const t = typeOf(got);
    if (t !== want) fail(`expected type ${TYPE_NAME[want]} in ${context}, got ${TYPE_NAME[t]}`, got);
  };
  switch (e.kind) {
    case 'paren':
      checkAst(e.expr, text);
      return;
    case 'unary':
      checkAst(e.expr, text);
      if (typeOf(e.expr) !== 'scalar' && typeOf(e.expr) !== 'vector') fail(`unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(TYPE_NAME[typeOf(e.expr)])}`, e);
      return;
    case 'subquery':
      checkAst(e.expr, text);
      if (typeOf(e.expr) !== 'vector') fail(`subquery is only allowed on instant vector, got ${typeOf(e.expr)} instead`, e);
      return;
    case 'aggregate':
      checkAst(e.expr, text);
      expect('vector', e.expr, 'aggregation expression');
      if (e.param) {
        checkAst(e.param, text);
        expect(e.op === 'count_values' ? 'string' : 'scalar', e.param, 'aggregation parameter');
      }
      return;
    case 'binary': {
      checkAst(e.left, text);
      checkAst(e.right, text);
      const lt = typeOf(e.left);
      const rt = typeOf(e.right);
      const isCmp = COMPARISON.has(e.op);
      if (e.returnBool && !isCmp) fail('bool modifier can only be used on comparison operators', e);
      if (isCmp && lt === 'scalar' && rt === 'scalar' && !e.returnBool) fail('comparisons between scalars must use BOOL modifier', e);
      if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) fail('binary expression must contain only scalar and instant vector types', e);
      if (SET_OPS.has(e.op)) {
        if (lt === 'scalar' || rt === 'scalar') fail(`set operator "${e.op}" not allowed in binary scalar expression`, e);
        if (e.matching && e.matching.card !== 'one-to-one') fail(`no grouping allowed for "${e.op}" operation`, e);
        if (e.matching) e.matching.card = 'many-to-many';
      }
      if (e.matching && (lt !== 'vector' || rt !== 'vector')) fail('vector matching only allowed between instant vectors', e);
      if (e.matching) {
        const overlap = e.matching.on ? e.matching.include.find((l) => e.matching!.labels.includes(l)) : undefined;
        if (overlap) fail(`label "${overlap}" must not occur in ON and GROUP clause at once`, e);
      }
      return;
    }
    case 'call': {
      const sig = FUNCTIONS[e.func];
      if (!sig) return fail(`unknown function with name ${JSON.stringify(e.func)}`, e);
      const n = e.args.length;
      const min = sig.variadic > 0 ? sig.args.length - sig.variadic : sig.variadic < 0 ? sig.args.length - 1 : sig.args.length;
      const max = sig.variadic < 0 ? Infinity : sig.args.length;
      if (n < min || n > max) {
        const exp = sig.variadic === 0 ? `${sig.args.length}` : sig.variadic < 0 ? `at least ${min}` : n < min ? `at least ${min}` : `at most ${max}`;
        fail(`expected ${exp} argument(s) in call to ${JSON.stringify(e.func)}, got ${n}`, e);
      }
      e.args.forEach((a, i) => {
        checkAst(a, text);
        const want = sig.args[Math.min(i, sig.args.length - 1)]!;
        expect(want, a, `call to function ${JSON.stringify(e.func)}`);
      });
      return;
    }
    default:
      return;
  }
}

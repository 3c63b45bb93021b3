/**
 * Binary operators as Prometheus' engine: scalar/scalar, vector/scalar (comparison filters
 * keep the vector's value), vector/vector with one-to-one, many-to-one and one-to-many
 * matching and its errors, set operators. Arithmetic drops the metric name at once;
 * `bool` and vector/scalar arithmetic mark it for delayed removal.
 */
import type { BinaryExpr, BinaryOp, VectorMatching } from '../../../shared/promql/ast.js';
import { formatLabels, LabelsBuilder, labelsKey, METRIC_NAME, type Labels } from '../tsdb/labels.js';
import { pos, type EvalContext } from './context.js';
import { evalAt } from './evaluate.js';
import { fail, type Sample, type Value } from './values.js';

const COMPARISON = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

/** Go's math.Mod: the result has the sign of x. */
function goMod(x: number, y: number): number {
  if (y === 0 || !Number.isFinite(x) || Number.isNaN(y)) return NaN;
  return x % y;
}

export function arith(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return goMod(a, b);
    case '^': return goPow(a, b);
    case 'atan2': return Math.atan2(a, b);
    default: return NaN;
  }
}

/** math.Pow special cases differ from JS: Pow(1, NaN) = 1 and Pow(-1, ±Inf) = 1 in Go. */
function goPow(a: number, b: number): number {
  if (b === 0) return 1;
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return a ** b;
}

function compare(op: BinaryOp, a: number, b: number): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '>': return a > b;
    case '<': return a < b;
    case '>=': return a >= b;
    case '<=': return a <= b;
    default: return false;
  }
}

/**
 * What an operator does with a histogram operand (vectorElemBinop): `float` when neither is
 * one, `hist` when the result is a histogram (its value stays opaque), `skip` for ==/!= between
 * two histograms (a histogram comparison, out of scope), `incompatible` otherwise (the sample is
 * dropped with an info annotation).
 */
function histogramCase(op: BinaryOp, lh: boolean, rh: boolean): 'float' | 'hist' | 'skip' | 'incompatible' {
  if (!lh && !rh) return 'float';
  if (lh && rh) {
    if (op === '==' || op === '!=') return 'skip';
    return op === '+' || op === '-' ? 'hist' : 'incompatible';
  }
  if (op === '*') return 'hist';
  if (op === '/' && lh) return 'hist';
  return 'incompatible';
}

function incompatible(ctx: EvalContext, e: BinaryExpr, lh: boolean, rh: boolean): void {
  const kind = (h: boolean) => (h ? 'histogram' : 'float');
  ctx.annotations.info(`incompatible sample types encountered for binary operator ${JSON.stringify(e.op)}: ${kind(lh)} ${e.op} ${kind(rh)}${pos(ctx, e)}`);
}

export function evalBinary(ctx: EvalContext, e: BinaryExpr, ts: number): Value {
  const l = evalAt(ctx, e.left, ts);
  const r = evalAt(ctx, e.right, ts);
  if (l.type === 'scalar' && r.type === 'scalar') {
    if (COMPARISON.has(e.op)) return { type: 'scalar', v: compare(e.op, l.v, r.v) ? 1 : 0 };
    return { type: 'scalar', v: arith(e.op, l.v, r.v) };
  }
  if (l.type === 'vector' && r.type === 'vector') {
    const matching = e.matching ?? { card: ['and', 'or', 'unless'].includes(e.op) ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: [] };
    if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return { type: 'vector', samples: setOp(e.op, l.samples, r.samples, matching) };
    return { type: 'vector', samples: vectorBinop(ctx, e, l.samples, r.samples, matching, e.returnBool) };
  }
  if (l.type === 'vector' && r.type === 'scalar') return { type: 'vector', samples: vectorScalar(ctx, e, l.samples, r.v, false, e.returnBool) };
  if (l.type === 'scalar' && r.type === 'vector') return { type: 'vector', samples: vectorScalar(ctx, e, r.samples, l.v, true, e.returnBool) };
  return fail('binary expression must contain only scalar and instant vector types');
}

function vectorScalar(ctx: EvalContext, e: BinaryExpr, vec: Sample[], scalar: number, swap: boolean, returnBool: boolean): Sample[] {
  const op = e.op;
  const out: Sample[] = [];
  for (const s of vec) {
    if (s.h) {
      const c = swap ? histogramCase(op, false, true) : histogramCase(op, true, false);
      if (c === 'incompatible') incompatible(ctx, e, !swap, swap);
      if (c === 'hist') out.push({ labels: s.labels, v: NaN, h: true, dropName: true });
      continue;
    }
    const [a, b] = swap ? [scalar, s.v] : [s.v, scalar];
    let v: number;
    let keep = true;
    if (COMPARISON.has(op)) {
      keep = compare(op, a, b);
      v = s.v;
    } else v = arith(op, a, b);
    if (returnBool) {
      v = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    out.push({ labels: s.labels, v, ...(ARITHMETIC.has(op) || returnBool || s.dropName ? { dropName: true } : {}) });
  }
  return out;
}

/** The join signature: the `on` labels, or every label but the `ignoring` ones and the name. */
function signature(ls: Labels, m: VectorMatching): string {
  let k = '';
  for (const l of ls) {
    const listed = m.labels.includes(l.name);
    if (m.on ? listed : !listed && l.name !== METRIC_NAME) k += `${l.name}\xff${l.value}\xfe`;
  }
  return k;
}

function matchLabels(ls: Labels, m: VectorMatching): Labels {
  return ls.filter((l) => (m.on ? m.labels.includes(l.name) : !m.labels.includes(l.name) && l.name !== METRIC_NAME));
}

function vectorBinop(ctx: EvalContext, e: BinaryExpr, lhs: Sample[], rhs: Sample[], m: VectorMatching, returnBool: boolean): Sample[] {
  const op = e.op;
  if (lhs.length === 0 || rhs.length === 0) return [];
  if (m.card === 'one-to-many') [lhs, rhs] = [rhs, lhs];
  const right = new Map<string, Sample>();
  for (const rs of rhs) {
    const sig = signature(rs.labels, m);
    const dup = right.get(sig);
    if (dup) {
      const oneSide = m.card === 'one-to-many' ? 'left' : 'right';
      let [d1, d2] = [formatLabels(rs.labels), formatLabels(dup.labels)];
      if (d1 > d2) [d1, d2] = [d2, d1];
      fail(`found duplicate series for the match group ${formatLabels(matchLabels(rs.labels, m))} on the ${oneSide} hand-side of the operation: [${d1}, ${d2}];many-to-many matching not allowed: matching labels must be unique on one side`);
    }
    right.set(sig, rs);
  }
  const matchedOne = new Set<string>();
  const matchedMany = new Map<string, Set<string>>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const sig = signature(ls.labels, m);
    const rs = right.get(sig);
    if (!rs) continue;
    const [a, b] = m.card === 'one-to-many' ? [rs.v, ls.v] : [ls.v, rs.v];
    const [ah, bh] = m.card === 'one-to-many' ? [!!rs.h, !!ls.h] : [!!ls.h, !!rs.h];
    const hc = histogramCase(op, ah, bh);
    let v: number;
    let keep = true;
    if (COMPARISON.has(op)) {
      keep = compare(op, a, b);
      v = a;
    } else v = arith(op, a, b);
    if (returnBool) v = keep ? 1 : 0;
    const metric = resultMetric(ls.labels, rs.labels, op, m);
    if (m.card === 'one-to-one') {
      if (matchedOne.has(sig)) fail('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matchedOne.add(sig);
    } else {
      let inserted = matchedMany.get(sig);
      if (!inserted) matchedMany.set(sig, (inserted = new Set()));
      const key = labelsKey(metric);
      if (inserted.has(key)) fail('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(key);
    }
    if (hc === 'incompatible') incompatible(ctx, e, ah, bh);
    if (hc === 'skip' || hc === 'incompatible') continue;
    if (hc === 'hist') {
      out.push({ labels: metric, v: NaN, h: true });
      continue;
    }
    if (!keep && !returnBool) continue;
    out.push({ labels: metric, v, ...(returnBool ? { dropName: true } : {}) });
  }
  return out;
}

function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching): Labels {
  const b = new LabelsBuilder(lhs);
  if (ARITHMETIC.has(op)) b.del(METRIC_NAME, '__type__', '__unit__');
  if (m.card === 'one-to-one') {
    if (m.on) b.keep(m.labels);
    else b.del(...m.labels);
  }
  for (const ln of m.include) {
    const v = rhs.find((l) => l.name === ln)?.value ?? '';
    b.set(ln, v);
  }
  return b.labels();
}

function setOp(op: 'and' | 'or' | 'unless', lhs: Sample[], rhs: Sample[], m: VectorMatching): Sample[] {
  if (op === 'or') {
    if (!lhs.length) return rhs;
    if (!rhs.length) return lhs;
    const left = new Set(lhs.map((s) => signature(s.labels, m)));
    return [...lhs, ...rhs.filter((s) => !left.has(signature(s.labels, m)))];
  }
  if (op === 'and' && (!lhs.length || !rhs.length)) return [];
  if (op === 'unless' && (!lhs.length || !rhs.length)) return lhs;
  const right = new Set(rhs.map((s) => signature(s.labels, m)));
  return lhs.filter((s) => right.has(signature(s.labels, m)) === (op === 'and'));
}

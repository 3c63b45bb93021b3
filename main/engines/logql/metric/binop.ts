/**
 * Binary operators, after Loki's evaluator.go (vectorBinop, vectorAnd/Or/Unless, resultMetric) and
 * syntax.MergeBinOp: arithmetic keeps the left sample's labels, division and modulo by zero give
 * NaN, comparisons filter (keeping the vector side's value) unless `bool`, matching is on the full
 * label set by default (Loki has no metric name to drop), on/ignoring and group_left/right as
 * Prometheus, with Loki's error texts for ambiguous matches.
 */
import type { BinaryOp, VectorMatching } from '../../../../shared/logql/ast';
import { keep, labelsKey, without, type Labels } from './labels';
import { MetricFailure, type Sample } from './vector';

export const isComparison = (op: BinaryOp): boolean => op === '==' || op === '!=' || op === '>' || op === '>=' || op === '<' || op === '<=';

/** The value of `l op r`; for comparisons 1 or 0. */
export function applyOp(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return r === 0 ? NaN : l / r;
    case '%':
      // Go's math.Mod: the sign of the dividend, as JS's % has.
      return r === 0 ? NaN : l % r;
    case '^':
      return goPow(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      return NaN;
  }
}

/** math.Pow where it differs from Math.pow: 1^x and x^0 are 1 even for NaN and ±Inf. */
function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/**
 * MergeBinOp for one pair: null when a comparison filters the sample out. `vectorIsRight` says
 * which side's value a filtering comparison keeps (Loki's swap).
 */
export function merge(op: BinaryOp, l: Sample, r: Sample, filter: boolean, vectorIsRight: boolean): Sample | null {
  const v = applyOp(op, l.value, r.value);
  if (!isComparison(op)) return { labels: l.labels, value: v };
  if (v === 0 && filter) return null;
  if (!filter) return { labels: l.labels, value: v };
  return vectorIsRight ? r : l;
}

/** A literal against each sample of a vector (Loki's LiteralStepEvaluator). */
export function literalBinop(op: BinaryOp, lit: number, vec: Sample[], literalOnLeft: boolean, returnBool: boolean): Sample[] {
  const out: Sample[] = [];
  for (const s of vec) {
    const point: Sample = { labels: s.labels, value: lit };
    const m = literalOnLeft ? merge(op, point, s, !returnBool, true) : merge(op, s, point, !returnBool, false);
    if (m) out.push(m);
  }
  return out;
}

function signature(labels: Labels, m: VectorMatching | null): string {
  if (!m) return labelsKey(labels);
  return labelsKey(m.on ? keep(labels, m.labels) : without(labels, m.labels));
}

function resultMetric(l: Labels, r: Labels, m: VectorMatching | null): Labels {
  if (!m) return l;
  let out: Labels = l;
  if (m.card === 'one-to-one') out = m.on ? keep(l, m.labels) : without(l, m.labels);
  else out = { ...l };
  for (const name of m.include) {
    // group_x(labels) copies them from the "one" side; an empty value deletes.
    const v = r[name];
    if (v !== undefined && v !== '') out[name] = v;
    else delete out[name];
  }
  return out;
}

export function vectorBinop(op: BinaryOp, returnBool: boolean, m: VectorMatching | null, lhsIn: Sample[], rhsIn: Sample[]): Sample[] {
  switch (op) {
    case 'and':
    case 'or':
    case 'unless':
      return setOp(op, m, lhsIn, rhsIn);
  }
  const oneToMany = m?.card === 'one-to-many';
  const [lhs, rhs] = oneToMany ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const right = new Map<string, Sample>();
  for (const s of rhs) {
    const sig = signature(s.labels, m);
    if (right.has(sig)) {
      throw new MetricFailure(500, `found duplicate series on the ${oneToMany ? 'left' : 'right'} hand-side;many-to-many matching not allowed: matching labels must be unique on one side`);
    }
    right.set(sig, s);
  }
  const matched = new Map<string, Set<string>>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const sig = signature(ls.labels, m);
    const rs = right.get(sig);
    if (!rs) continue;
    const metric = resultMetric(ls.labels, rs.labels, m);
    const seen = matched.get(sig);
    if (!m || m.card === 'one-to-one') {
      if (seen) throw new MetricFailure(500, 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matched.set(sig, new Set());
    } else {
      const key = labelsKey(metric);
      if (seen?.has(key)) throw new MetricFailure(500, 'multiple matches for labels: grouping labels must ensure unique matches');
      if (seen) seen.add(key);
      else matched.set(sig, new Set([key]));
    }
    const [l, r] = oneToMany ? [rs, ls] : [ls, rs];
    const merged = merge(op, l, r, !returnBool, false);
    if (merged) out.push({ labels: metric, value: merged.value });
  }
  return out;
}

function setOp(op: 'and' | 'or' | 'unless', m: VectorMatching | null, lhs: Sample[], rhs: Sample[]): Sample[] {
  if (op === 'and' && (lhs.length === 0 || rhs.length === 0)) return [];
  if (op === 'or' && lhs.length === 0) return rhs;
  if (op === 'or' && rhs.length === 0) return lhs;
  if (op === 'unless' && (lhs.length === 0 || rhs.length === 0)) return lhs;
  const rsigs = new Set(rhs.map((s) => signature(s.labels, m)));
  if (op === 'and') return lhs.filter((s) => rsigs.has(signature(s.labels, m)));
  if (op === 'unless') return lhs.filter((s) => !rsigs.has(signature(s.labels, m)));
  const lsigs = new Set(lhs.map((s) => signature(s.labels, m)));
  return [...lhs, ...rhs.filter((s) => !lsigs.has(signature(s.labels, m)))];
}

/**
 * Evaluates a compiled JMESPath expression (see jmespath.ts) over a decoded JSON value, with the
 * spec's semantics: missing fields are null, projections drop nulls, comparisons of non-numbers by
 * order are null, and the built-in functions check their argument types (an error is returned).
 */
import type { Node } from './jmespath';

type V = unknown;
class JmesRuntimeError extends Error {}
const isObj = (v: V): v is Record<string, V> => typeof v === 'object' && v !== null && !Array.isArray(v);
const truthy = (v: V): boolean =>
  !(v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0));

function deepEqual(a: V, b: V): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function typeOf(v: V): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return (v as { __expref?: true }).__expref ? 'expref' : 'object';
  return typeof v;
}

function sliceArr<T>(a: T[], start: number | null, stop: number | null, step: number | null): T[] {
  const st = step ?? 1;
  const len = a.length;
  const cap = (v: number, dflt: number): number => {
    if (v < 0) {
      v += len;
      return v < 0 ? (st < 0 ? -1 : 0) : v;
    }
    return v >= len ? (st < 0 ? len - 1 : len) : v;
  };
  const s = start === null ? (st < 0 ? len - 1 : 0) : cap(start, 0);
  const e = stop === null ? (st < 0 ? -1 : len) : cap(stop, len);
  const out: T[] = [];
  if (st > 0) for (let i = s; i < e; i += st) out.push(a[i]!);
  else for (let i = s; i > e; i += st) out.push(a[i]!);
  return out;
}

type Expref = { __expref: true; node: Node };
type Fn = (args: V[], self: Node[]) => V;

const num = (v: V): boolean => typeof v === 'number';
function check(name: string, args: V[], types: string[][], variadic = false): void {
  if (variadic ? args.length < types.length : args.length !== types.length)
    throw new JmesRuntimeError(`Invalid arity for ${name}, expected ${types.length} arguments, received ${args.length}`);
  args.forEach((a, i) => {
    const want = types[Math.min(i, types.length - 1)]!;
    const t = typeOf(a);
    const ok = want.includes('any') || want.includes(t) || (t === 'array' && want.some((w) => w.startsWith('array-') && (a as V[]).every((x) => typeOf(x) === w.slice(6))));
    if (!ok) throw new JmesRuntimeError(`Invalid type for: ${typeOf(a)}, expected: ${JSON.stringify(want)}`);
  });
}

function sortKey(name: string, items: V[], keyOf: (v: V) => V): V[] {
  if (items.length === 0) return [];
  const keys = items.map(keyOf);
  const kind = typeOf(keys[0]);
  if ((kind !== 'number' && kind !== 'string') || keys.some((k) => typeOf(k) !== kind)) throw new JmesRuntimeError(`${name}: invalid type`);
  return items.map((v, i) => ({ v, k: keys[i] as number | string, i })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i)).map((x) => x.v);
}

export function searchJmes(node: Node, data: V): { ok: true; value: V } | { ok: false; error: string } {
  try {
    return { ok: true, value: ev(node, data) ?? null };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function applyExpref(e: V, v: V): V {
  return ev((e as Expref).node, v);
}

const FUNCS: Record<string, Fn> = {
  abs: (a) => (check('abs', a, [['number']]), Math.abs(a[0] as number)),
  avg: (a) => (check('avg', a, [['array-number']]), (a[0] as number[]).length ? (a[0] as number[]).reduce((s, x) => s + x, 0) / (a[0] as number[]).length : null),
  ceil: (a) => (check('ceil', a, [['number']]), Math.ceil(a[0] as number)),
  floor: (a) => (check('floor', a, [['number']]), Math.floor(a[0] as number)),
  contains: (a) => {
    check('contains', a, [['array', 'string'], ['any']]);
    return typeof a[0] === 'string' ? typeof a[1] === 'string' && a[0].includes(a[1]) : (a[0] as V[]).some((x) => deepEqual(x, a[1]));
  },
  ends_with: (a) => (check('ends_with', a, [['string'], ['string']]), (a[0] as string).endsWith(a[1] as string)),
  starts_with: (a) => (check('starts_with', a, [['string'], ['string']]), (a[0] as string).startsWith(a[1] as string)),
  join: (a) => (check('join', a, [['string'], ['array-string']]), (a[1] as string[]).join(a[0] as string)),
  keys: (a) => (check('keys', a, [['object']]), Object.keys(a[0] as object)),
  values: (a) => (check('values', a, [['object']]), Object.values(a[0] as object)),
  length: (a) => {
    check('length', a, [['string', 'array', 'object']]);
    const v = a[0];
    return typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : Object.keys(v as object).length;
  },
  max: (a) => (check('max', a, [['array-number', 'array-string']]), sortKey('max', a[0] as V[], (x) => x).at(-1) ?? null),
  min: (a) => (check('min', a, [['array-number', 'array-string']]), sortKey('min', a[0] as V[], (x) => x)[0] ?? null),
  max_by: (a) => (check('max_by', a, [['array'], ['expref']]), sortKey('max_by', a[0] as V[], (x) => applyExpref(a[1], x)).at(-1) ?? null),
  min_by: (a) => (check('min_by', a, [['array'], ['expref']]), sortKey('min_by', a[0] as V[], (x) => applyExpref(a[1], x))[0] ?? null),
  sort: (a) => (check('sort', a, [['array-number', 'array-string']]), sortKey('sort', a[0] as V[], (x) => x)),
  sort_by: (a) => (check('sort_by', a, [['array'], ['expref']]), sortKey('sort_by', a[0] as V[], (x) => applyExpref(a[1], x))),
  map: (a) => (check('map', a, [['expref'], ['array']]), (a[1] as V[]).map((x) => applyExpref(a[0], x) ?? null)),
  merge: (a) => (check('merge', a, [['object']], true), Object.assign({}, ...(a as object[]))),
  not_null: (a) => (check('not_null', a, [['any']], true), a.find((x) => x !== null && x !== undefined) ?? null),
  reverse: (a) => (check('reverse', a, [['array', 'string']]), typeof a[0] === 'string' ? [...a[0]].reverse().join('') : [...(a[0] as V[])].reverse()),
  sum: (a) => (check('sum', a, [['array-number']]), (a[0] as number[]).reduce((s, x) => s + x, 0)),
  to_array: (a) => (check('to_array', a, [['any']]), Array.isArray(a[0]) ? a[0] : [a[0]]),
  to_string: (a) => (check('to_string', a, [['any']]), typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0] ?? null)),
  to_number: (a) => {
    check('to_number', a, [['any']]);
    if (num(a[0])) return a[0];
    if (typeof a[0] === 'string') {
      const n = Number(a[0]);
      return a[0].trim() === '' || Number.isNaN(n) ? null : n;
    }
    return null;
  },
  type: (a) => (check('type', a, [['any']]), typeOf(a[0])),
};

function ev(n: Node, v: V): V {
  switch (n.k) {
    case 'field':
      return isObj(v) && Object.prototype.hasOwnProperty.call(v, n.name) ? v[n.name] : null;
    case 'current':
      return v;
    case 'literal':
      return n.value;
    case 'sub':
      return ev(n.r, ev(n.l, v));
    case 'index': {
      const a = ev(n.l, v);
      if (!Array.isArray(a)) return null;
      const i = n.i < 0 ? a.length + n.i : n.i;
      return i >= 0 && i < a.length ? a[i] : null;
    }
    case 'slice': {
      const a = ev(n.l, v);
      return Array.isArray(a) ? sliceArr(a, n.start, n.stop, n.step) : null;
    }
    case 'flatten': {
      const a = ev(n.l, v);
      return Array.isArray(a) ? a.flatMap((x) => (Array.isArray(x) ? x : [x])) : null;
    }
    case 'proj': {
      const a = ev(n.l, v);
      if (!Array.isArray(a)) return null;
      return a.map((x) => ev(n.r, x)).filter((x) => x !== null && x !== undefined);
    }
    case 'vproj': {
      const o = ev(n.l, v);
      if (!isObj(o)) return null;
      return Object.values(o).map((x) => ev(n.r, x)).filter((x) => x !== null && x !== undefined);
    }
    case 'filter': {
      const a = ev(n.l, v);
      if (!Array.isArray(a)) return null;
      return a.filter((x) => truthy(ev(n.cond, x))).map((x) => ev(n.r, x)).filter((x) => x !== null && x !== undefined);
    }
    case 'pipe':
      return ev(n.r, ev(n.l, v));
    case 'or': {
      const l = ev(n.l, v);
      return truthy(l) ? l : ev(n.r, v);
    }
    case 'and': {
      const l = ev(n.l, v);
      return truthy(l) ? ev(n.r, v) : l;
    }
    case 'not':
      return !truthy(ev(n.e, v));
    case 'cmp': {
      const l = ev(n.l, v);
      const r = ev(n.r, v);
      if (n.op === '==') return deepEqual(l, r);
      if (n.op === '!=') return !deepEqual(l, r);
      if (typeof l !== 'number' || typeof r !== 'number') return null;
      return n.op === '<' ? l < r : n.op === '<=' ? l <= r : n.op === '>' ? l > r : l >= r;
    }
    case 'list':
      return v === null || v === undefined ? null : n.items.map((i) => ev(i, v) ?? null);
    case 'hash':
      return v === null || v === undefined ? null : Object.fromEntries(n.items.map(([k, i]) => [k, ev(i, v) ?? null]));
    case 'expref':
      return { __expref: true, node: n.e } satisfies Expref;
    case 'fn': {
      const f = FUNCS[n.name];
      if (!f) throw new JmesRuntimeError(`Unknown function: ${n.name}`);
      return f(n.args.map((a) => ev(a, v) ?? null), n.args);
    }
  }
}

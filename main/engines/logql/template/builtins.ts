// text/template's predefined functions (funcs.go): and, or, not, len, index, slice, print,
// printf, println, html, js, urlquery, call and the comparisons, with Go's error texts.

import { FuncError, fn, type FuncMap } from './func-types';
import { sprint, sprintf, sprintln } from './go-fmt';
import { htmlEscape, jsEscape, queryEscape } from './go-escape';
import { GoComplex, GoDataMap, GoFloat, GoInt, GoMap, GoSlice, goTypeName, isTrue, isUnsigned, type GoValue } from './go-values';
import { byteSlice, isAscii, utf8Encode, utf8Length } from './utf8';

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(v: GoValue): Kind {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return isUnsigned(v.type) ? 'uint' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

/** Go compares strings bytewise, i.e. by code point; JS's < compares UTF-16 units. */
function strLess(a: string, b: string): boolean {
  if (isAscii(a) && isAscii(b)) return a < b;
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return x.length < y.length;
}

const isComposite = (v: GoValue) => v instanceof GoMap || v instanceof GoDataMap || v instanceof GoSlice;

function eq(a: GoValue, rest: GoValue[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = (a as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
      else if (k1 === 'uint' && k2 === 'int') truth = (b as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
      else if (a !== undefined && b !== undefined) throw new FuncError(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
    } else if (k1 === 'invalid') {
      if (a === undefined || b === undefined) truth = a === b;
      else if (isComposite(a) || isComposite(b)) {
        if (goTypeName(a) !== goTypeName(b)) throw new FuncError(`non-comparable types ${sprint([a])}: ${goTypeName(a)}, ${goTypeName(b)}: ${sprint([b])}`);
        throw new FuncError(`non-comparable type ${sprint([b])}: ${goTypeName(b)}`);
      } else truth = sprint([a]) === sprint([b]) && goTypeName(a) === goTypeName(b);
    } else if (k1 === 'int' || k1 === 'uint') truth = (a as GoInt).v === (b as GoInt).v;
    else if (k1 === 'float') truth = (a as GoFloat).v === (b as GoFloat).v;
    else if (k1 === 'complex') truth = (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
    else truth = a === b;
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (a as GoInt).v < 0n || (a as GoInt).v < (b as GoInt).v;
    if (k1 === 'uint' && k2 === 'int') return (b as GoInt).v >= 0n && (a as GoInt).v < (b as GoInt).v;
    throw new FuncError(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new FuncError('invalid type for comparison');
    case 'float':
      return (a as GoFloat).v < (b as GoFloat).v;
    case 'string':
      return strLess(a as string, b as string);
    default:
      return (a as GoInt).v < (b as GoInt).v;
  }
}
const le = (a: GoValue, b: GoValue) => lt(a, b) || eq(a, [b]);

function indexArg(index: GoValue, cap: number): number {
  if (index instanceof GoInt) {
    const x = index.v;
    if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${isUnsigned(index.type) ? BigInt.asIntN(64, x) : x}`);
    return Number(x);
  }
  if (index === undefined) throw new FuncError('cannot index slice/array with nil');
  throw new FuncError(`cannot index slice/array with type ${goTypeName(index)}`);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (const ix of indexes) {
    if (typeof item === 'string') {
      const bytes = utf8Encode(item);
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) throw new FuncError('reflect: string index out of range');
      item = new GoInt(BigInt(bytes[x]!), 'uint8');
    } else if (item instanceof GoSlice) {
      const x = indexArg(ix, item.items.length);
      if (x === item.items.length) throw new FuncError('reflect: slice index out of range');
      item = item.items[x];
    } else if (item instanceof GoDataMap || item instanceof GoMap) {
      if (ix === undefined) throw new FuncError('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new FuncError(`value has type ${goTypeName(ix)}; should be string`);
      item = item instanceof GoDataMap ? (item.get(ix) ?? '') : item.entries.get(ix);
      if (item === undefined) return undefined;
    } else throw new FuncError(`can't index item of type ${goTypeName(item)}`);
  }
  return item;
}

function slice(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = utf8Length(item);
  } else if (item instanceof GoSlice) len = item.items.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return byteSlice(item, idx[0]!, idx[1]!);
  return new GoSlice(item.items.slice(idx[0], idx[1]), item.type);
}

function length(item: GoValue): GoValue {
  if (typeof item === 'string') return new GoInt(BigInt(utf8Length(item)));
  if (item instanceof GoSlice) return new GoInt(BigInt(item.items.length));
  if (item instanceof GoDataMap) return new GoInt(BigInt(item.keys().length));
  if (item instanceof GoMap) return new GoInt(BigInt(item.entries.size));
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  throw new FuncError(`len of type ${goTypeName(item)}`);
}

/** evalArgs: one string argument as is, anything else as fmt.Sprint with nil as "<no value>". */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? '<no value>' : a)));
}

export const BUILTINS: FuncMap = {
  and: fn(['value'], () => undefined, 'value'),
  or: fn(['value'], () => undefined, 'value'),
  not: fn(['value'], (a) => !isTrue(a[0])),
  call: fn(['value'], (a) => {
    // argv[0] is the callee's name (inserted by the caller, as Go does); no value is a function here.
    const name = a[0] as string;
    const f = a[1];
    if (f === undefined) throw new FuncError('call of nil');
    throw new FuncError(`non-function ${name} of type ${goTypeName(f)}`);
  }, 'value'),
  html: fn([], (a) => htmlEscape(evalArgs(a)), 'any'),
  js: fn([], (a) => jsEscape(evalArgs(a)), 'any'),
  urlquery: fn([], (a) => queryEscape(evalArgs(a)), 'any'),
  index: fn(['value'], (a) => index(a[0], a.slice(1)), 'value'),
  slice: fn(['value'], (a) => slice(a[0], a.slice(1)), 'value'),
  len: fn(['value'], (a) => length(a[0])),
  print: fn([], (a) => sprint(a), 'any'),
  println: fn([], (a) => sprintln(a), 'any'),
  printf: fn(['string'], (a) => sprintf(a[0] as string, a.slice(1)), 'any'),
  eq: fn(['value'], (a) => eq(a[0], a.slice(1)), 'value'),
  ne: fn(['value', 'value'], (a) => !eq(a[0], [a[1]])),
  lt: fn(['value', 'value'], (a) => lt(a[0], a[1])),
  le: fn(['value', 'value'], (a) => le(a[0], a[1])),
  gt: fn(['value', 'value'], (a) => !le(a[0], a[1])),
  ge: fn(['value', 'value'], (a) => !lt(a[0], a[1])),
};

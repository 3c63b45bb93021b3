// The Go values a template can see, modelled just enough for text/template semantics:
// each value keeps its Go type name because Go's error messages and %v/%T output print it.
// Strings are plain JS strings (the hot path: label values), booleans are JS booleans and
// an invalid reflect.Value (nil, missing interface) is `undefined`.

export type IntType = 'int' | 'int64' | 'int32' | 'uint8' | 'uint' | 'uint64';

export class GoInt {
  constructor(
    readonly v: bigint,
    readonly type: IntType = 'int',
  ) {}
}
export class GoFloat {
  constructor(readonly v: number) {}
}
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}
/** time.Time: an instant (ns since the Unix epoch) plus the zone it is displayed in. */
export class GoTime {
  constructor(
    readonly ns: bigint,
    readonly offsetSec: number = 0,
    readonly zone: string = 'UTC',
  ) {}
}
/** map[string]string (the label data) or map[string]interface {} (fromJson). */
export class GoMap {
  constructor(
    readonly entries: ReadonlyMap<string, GoValue>,
    readonly elemType: 'string' | 'interface {}',
  ) {}
}
/** The data Loki executes with: map[string]string, read straight from the caller's record. */
export class GoDataMap {
  constructor(readonly rec: Readonly<Record<string, string>>) {}
  get(key: string): string | undefined {
    const v = this.rec[key];
    return typeof v === 'string' && Object.prototype.hasOwnProperty.call(this.rec, key) ? v : undefined;
  }
  keys(): string[] {
    return Object.keys(this.rec).filter((k) => typeof this.rec[k] === 'string');
  }
}
export class GoSlice {
  constructor(
    readonly items: readonly GoValue[],
    readonly type: string = '[]interface {}',
  ) {}
}

export type GoValue = string | boolean | GoInt | GoFloat | GoComplex | GoTime | GoMap | GoDataMap | GoSlice | undefined;

export function goTypeName(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v === undefined) return '<nil>';
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDataMap) return 'map[string]string';
  if (v instanceof GoMap) return `map[string]${v.elemType}`;
  return v.type;
}

export const int = (n: number | bigint, type: IntType = 'int'): GoInt => new GoInt(BigInt(n), type);
export const isUnsigned = (t: IntType): boolean => t === 'uint8' || t === 'uint' || t === 'uint64';

/** Wrap to the width of the Go integer type, as Go arithmetic does on overflow. */
export function wrapInt(v: bigint, type: IntType): bigint {
  switch (type) {
    case 'uint8':
      return BigInt.asUintN(8, v);
    case 'uint':
    case 'uint64':
      return BigInt.asUintN(64, v);
    case 'int32':
      return BigInt.asIntN(32, v);
    default:
      return BigInt.asIntN(64, v);
  }
}

/** Go's isTrue: the truth of a value, or undefined when it has none (never for our kinds). */
export function isTrue(v: GoValue): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (v === undefined) return false;
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoFloat) return v.v !== 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoTime) return true; // structs are always true
  if (v instanceof GoDataMap) return v.keys().length > 0;
  if (v instanceof GoMap) return v.entries.size > 0;
  return v.items.length > 0;
}

/** Go's "panic value → error" for functions that panic at run time, kept as the message. */
export class GoPanic extends Error {}

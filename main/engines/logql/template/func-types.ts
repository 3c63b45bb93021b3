// How template functions are declared: Go parameter types (text/template checks and converts
// arguments against them, and its error messages name them), optional variadic tail, and a
// body that returns a value or throws FuncError — a Go (T, error) result or a recovered panic.

import type { GoValue } from './go-values';

/** 'any' is interface{}, 'value' is reflect.Value (builtins that see invalid values too). */
export type ParamType = 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'time.Time' | 'any' | 'value';

export const GO_PARAM_NAME: Record<ParamType, string> = {
  string: 'string', int: 'int', int64: 'int64', float64: 'float64', bool: 'bool', 'time.Time': 'time.Time', any: 'interface {}', value: 'reflect.Value',
};

export interface CallContext {
  readonly line: string;
  readonly timestampNs: bigint;
  /** The compiled Go regexp for a pattern (cached per template), or Go's error text. */
  regex(pattern: string): { ok: true; re: CompiledRegex } | { ok: false; error: string };
  /** Wall clock for `now` (injectable for tests). */
  nowMs(): number;
}

export interface CompiledRegex {
  replaceAll(s: string, repl: string, literal: boolean): string;
  test(s: string): boolean;
}

export interface GoFunc {
  params: readonly ParamType[];
  variadic?: ParamType;
  call(args: GoValue[], ctx: CallContext): GoValue;
}

/** The error a function returns (or the panic it raises), reported as "error calling f: …". */
export class FuncError extends Error {}

export type FuncMap = Readonly<Record<string, GoFunc>>;

export function fn(params: readonly ParamType[], call: GoFunc['call'], variadic?: ParamType): GoFunc {
  return variadic ? { params, variadic, call } : { params, call };
}

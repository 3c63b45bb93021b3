/**
 * mapstructure.WeakDecode for the numeric and boolean fields of the limit, sampling and
 * multiline stages: numbers, numeric strings and booleans (1/0) are accepted; the error texts
 * are mapstructure's, wrapped as Decode reports them.
 */
import { goParseFloat } from '../../logql/go-strconv';

export type Weak<T> = { ok: true; value: T | undefined } | { ok: false; error: string };

const decodeError = (msg: string): { ok: false; error: string } => ({ ok: false, error: `1 error(s) decoding:\n\n* ${msg}` });

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'slice' : typeof v === 'object' ? 'map' : typeof v === 'string' ? 'string' : typeof v;
}

export function weakFloat(map: Record<string, unknown>, key: string): Weak<number> {
  const v = map[key];
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v === 'number') return { ok: true, value: v };
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (typeof v === 'string') {
    const f = goParseFloat(v);
    return f.ok ? { ok: true, value: f.value } : decodeError(`cannot parse '${key}' as float: ${f.error}`);
  }
  return decodeError(`'${key}' expected type 'float64', got unconvertible type '${typeName(v)}'`);
}

/** Integers: floats truncate, strings parse as Go integer literals. */
export function weakInt(map: Record<string, unknown>, key: string): Weak<number> {
  const v = map[key];
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v === 'number') return { ok: true, value: Math.trunc(v) };
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (typeof v === 'string') {
    const s = v === '' ? '0' : v;
    if (/^[+-]?\d+$/.test(s)) return { ok: true, value: Number(s) };
    return decodeError(`cannot parse '${key}' as int: strconv.ParseInt: parsing "${v}": invalid syntax`);
  }
  return decodeError(`'${key}' expected type 'int', got unconvertible type '${typeName(v)}'`);
}

export function weakBool(map: Record<string, unknown>, key: string): Weak<boolean> {
  const v = map[key];
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'number') return { ok: true, value: v !== 0 };
  if (typeof v === 'string') {
    if (v === '') return { ok: true, value: false };
    const t = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
    if (t || ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return { ok: true, value: t };
    return decodeError(`cannot parse '${key}' as bool: strconv.ParseBool: parsing "${v}": invalid syntax`);
  }
  return decodeError(`'${key}' expected type 'bool', got unconvertible type '${typeName(v)}'`);
}

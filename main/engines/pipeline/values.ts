/**
 * Promtail's value conversions and config decoding helpers: getString and getFloat (stages/util.go,
 * metrics.go), Go's json.Marshal for non-scalar extracted values, label name rules, and a small
 * mapstructure-like reader for stage configs (a YAML map decoded into typed fields).
 */
import { goParseDuration, goParseFloat } from '../logql/go-strconv';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** getString: numbers as strconv.FormatFloat(f, 'f', -1, 64), strings, booleans; anything else fails. */
export function getString(v: unknown): Result<string> {
  if (typeof v === 'string') return { ok: true, value: v };
  if (typeof v === 'boolean') return { ok: true, value: v ? 'true' : 'false' };
  if (typeof v === 'number') return { ok: true, value: formatFloatF(v) };
  if (typeof v === 'bigint') return { ok: true, value: v.toString() };
  return { ok: false, error: `Can't convert ${goSprintV(v)} to string` };
}

/** strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = String(f);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s)!;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  const sign = m[1]!;
  if (exp >= 0) {
    const intLen = 1 + exp;
    return sign + (digits.length <= intLen ? digits + '0'.repeat(intLen - digits.length) : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`);
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** getFloat: numbers, booleans (1/0), strings as a float or a Go duration (in seconds). */
export function getFloat(v: unknown): Result<number> {
  if (typeof v === 'number') return { ok: true, value: v };
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (typeof v === 'string') {
    const f = goParseFloat(v);
    if (f.ok) return f;
    const d = goParseDuration(v);
    return d.ok ? { ok: true, value: d.value / 1e9 } : { ok: false, error: d.error };
  }
  return { ok: false, error: `can't convert ${goSprintV(v)} to float64` };
}

function goSprintV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goSprintV((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

/** Go's json.Marshal of a decoded JSON value: sorted object keys, HTML-safe escaping (<, >, & as \u003c…). */
export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${goJsonMarshal(k)}:${goJsonMarshal(o[k])}`).join(',')}}`;
}

/** Prometheus' legacy label name rule (model.LabelName.IsValid with the legacy scheme). */
export const isLegacyLabelName = (name: string): boolean => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
/** model.UTF8Validation: any non-empty valid UTF-8 name. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isUtf8LabelName = (name: string): boolean => name.length > 0 && !LONE_SURROGATE.test(name);
export const isValidLabelValue = (value: string): boolean => !LONE_SURROGATE.test(value);

export const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** mapstructure's wording of a field of the wrong type. */
function typeError(field: string, want: string, got: unknown): string {
  const t = got === null ? 'nil' : Array.isArray(got) ? 'slice' : typeof got === 'object' ? 'map' : typeof got === 'number' ? (Number.isInteger(got) ? 'int' : 'float64') : typeof got === 'boolean' ? 'bool' : typeof got;
  return `1 error(s) decoding:\n\n* '${field}' expected type '${want}', got unconvertible type '${t}'`;
}

/**
 * Reads a stage's config map the way mapstructure.Decode does for the fields used here: a null
 * config is an empty one; a field of the wrong type is an error; unknown keys are ignored.
 */
export class ConfigReader {
  readonly map: Record<string, unknown>;
  error: string | null = null;
  constructor(raw: unknown, what = '') {
    if (raw === null || raw === undefined) this.map = {};
    else if (isMap(raw)) this.map = raw;
    else {
      this.map = {};
      this.error = `'${what}' expected a map, got '${Array.isArray(raw) ? 'slice' : typeof raw}'`;
    }
  }
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.map, key) && this.map[key] !== null && this.map[key] !== undefined;
  }
  /** A string field; numbers and booleans are not strings (mapstructure.Decode is strict). */
  string(key: string): string | undefined {
    const v = this.map[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.error ??= typeError(key, 'string', v);
    return undefined;
  }
  /** WeakDecode-style string: numbers and booleans become their text. */
  weakString(key: string): string | undefined {
    const v = this.map[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.error ??= typeError(key, 'string', v);
    return undefined;
  }
  bool(key: string, weak = false): boolean | undefined {
    const v = this.map[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (weak && (v === 'true' || v === 'false' || v === 1 || v === 0)) return v === 'true' || v === 1;
    this.error ??= typeError(key, 'bool', v);
    return undefined;
  }
  number(key: string): number | undefined {
    const v = this.map[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v;
    this.error ??= typeError(key, 'int', v);
    return undefined;
  }
  stringList(key: string, weak = false): string[] | undefined {
    const v = this.map[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.error ??= typeError(key, '[]string', v);
      return undefined;
    }
    const out: string[] = [];
    for (const [i, item] of v.entries()) {
      if (typeof item === 'string') out.push(item);
      else if (weak && (typeof item === 'number' || typeof item === 'boolean')) out.push(String(item));
      else this.error ??= typeError(`${key}[${i}]`, 'string', item);
    }
    return out;
  }
  /** A map[string]string (or map[string]*string with null kept as null). */
  stringMap(key: string | null, allowNull: boolean): Record<string, string | null> | undefined {
    const v = key === null ? this.map : this.map[key];
    if (v === undefined || v === null) return undefined;
    if (!isMap(v)) {
      this.error ??= typeError(key ?? '', 'map[string]string', v);
      return undefined;
    }
    const out: Record<string, string | null> = {};
    for (const [k, item] of Object.entries(v)) {
      if (typeof item === 'string') out[k] = item;
      else if (item === null && allowNull) out[k] = null;
      else if (item === null) out[k] = '';
      else this.error ??= typeError(key === null ? `[${k}]` : `${key}[${k}]`, 'string', item);
    }
    return out;
  }
}

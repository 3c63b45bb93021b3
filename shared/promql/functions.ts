/**
 * PromQL function signatures, as data (Prometheus parser/functions.go): argument types,
 * how many trailing arguments are optional (`variadic` > 0) or repeatable (-1), return type.
 * The parser type-checks calls against this table; the engine keys its implementations by name.
 */
import type { ValueType } from './ast.js';

export interface FunctionSignature {
  args: ValueType[];
  /** 0: exact; n > 0: the last n args may be omitted; -1: the last arg repeats. */
  variadic: number;
  returns: ValueType;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const sig = (args: ValueType[], returns: ValueType, variadic = 0): FunctionSignature => ({ args, returns, variadic });

const vectorMath = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor', 'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
  'histogram_avg', 'histogram_count', 'histogram_sum', 'histogram_stddev', 'histogram_stdvar', 'sort', 'sort_desc', 'timestamp', 'absent', 'start_timestamp'];
const overTime = ['absent_over_time', 'avg_over_time', 'changes', 'count_over_time', 'delta', 'deriv', 'first_over_time', 'idelta', 'increase', 'irate', 'last_over_time', 'mad_over_time',
  'max_over_time', 'min_over_time', 'present_over_time', 'rate', 'resets', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time',
  'ts_of_first_over_time', 'ts_of_last_over_time', 'ts_of_max_over_time', 'ts_of_min_over_time'];
const dateParts = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  ...Object.fromEntries(vectorMath.map((n) => [n, sig([V], V)])),
  ...Object.fromEntries(overTime.map((n) => [n, sig([M], V)])),
  ...Object.fromEntries(dateParts.map((n) => [n, sig([V], V, 1)])),
  clamp: sig([V, S, S], V),
  clamp_max: sig([V, S], V),
  clamp_min: sig([V, S], V),
  double_exponential_smoothing: sig([M, S, S], V),
  histogram_fraction: sig([S, S, V], V),
  histogram_quantile: sig([S, V], V),
  info: sig([V, V], V, 1),
  label_replace: sig([V, STR, STR, STR, STR], V),
  label_join: sig([V, STR, STR, STR], V, -1),
  min_of: sig([S, S], S),
  max_of: sig([S, S], S),
  pi: sig([], S),
  predict_linear: sig([M, S], V),
  quantile_over_time: sig([S, M], V),
  round: sig([V, S], V, 1),
  scalar: sig([V], S),
  sort_by_label: sig([V, STR], V, -1),
  sort_by_label_desc: sig([V, STR], V, -1),
  start: sig([], S),
  end: sig([], S),
  step: sig([], S),
  range: sig([], S),
  time: sig([], S),
  vector: sig([S], V),
};

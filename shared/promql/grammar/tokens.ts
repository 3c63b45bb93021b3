/**
 * External specializers of promql.grammar: upstream's src/tokens.js (@prometheus-io/lezer-promql
 * 0.315.0) in TypeScript, unchanged in behaviour.
 */
import type { Stack } from '@lezer/lr';
import * as T from './parser.terms.js';

/** Keywords that are never identifiers (lezer `@specialize`). */
const keywordTokens: Record<string, number> = {
  inf: T.inf,
  nan: T.nan,
  bool: T.Bool,
  ignoring: T.Ignoring,
  on: T.On,
  group_left: T.GroupLeft,
  group_right: T.GroupRight,
  offset: T.Offset,
};

export const specializeIdentifier = (value: string, _stack: Stack): number => keywordTokens[value.toLowerCase()] ?? -1;

/** Contextual keywords: words that are keywords only where the parser can take them (lezer `@extend`). */
const contextualKeywordTokens: Record<string, number> = {
  avg: T.Avg,
  atan2: T.Atan2,
  bottomk: T.Bottomk,
  count: T.Count,
  count_values: T.CountValues,
  group: T.Group,
  max: T.Max,
  min: T.Min,
  quantile: T.Quantile,
  limitk: T.LimitK,
  limit_ratio: T.LimitRatio,
  stddev: T.Stddev,
  stdvar: T.Stdvar,
  sum: T.Sum,
  topk: T.Topk,
  by: T.By,
  without: T.Without,
  and: T.And,
  or: T.Or,
  unless: T.Unless,
  smoothed: T.Smoothed,
  anchored: T.Anchored,
  fill: T.Fill,
  fill_left: T.FillLeft,
  fill_right: T.FillRight,
};

export const extendIdentifier = (value: string, stack: Stack): number => {
  if (value === 'start' && stack.canShift(T.StartFn)) return T.StartFn;
  if (value === 'end' && stack.canShift(T.EndFn)) return T.EndFn;
  if (value.toLowerCase() === 'start' && stack.canShift(T.AtStart)) return T.AtStart;
  if (value.toLowerCase() === 'end' && stack.canShift(T.AtEnd)) return T.AtEnd;
  const token = contextualKeywordTokens[value.toLowerCase()];
  if (token !== undefined && stack.canShift(token)) return token;
  return -1;
};

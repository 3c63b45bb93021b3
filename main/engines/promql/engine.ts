/**
 * The PromQL engine: parse, evaluate at one time or over steps, then assemble the result as
 * Prometheus does with delayed name removal (names dropped at the end, series that then share
 * labels merged, an error where they overlap). Errors carry Prometheus' messages.
 */
import { parsePromql } from '../../../shared/promql/parse.js';
import { typeOf } from '../../../shared/promql/check.js';
import type { Expr } from '../../../shared/promql/ast.js';
import type { RegexPort } from '../logql/ports.js';
import { compareLabels, labelsKey, labelsToRecord, METRIC_NAME, type Labels } from '../tsdb/labels.js';
import type { Storage } from '../tsdb/storage.js';
import { TOO_MANY_SAMPLES, type EngineOptions, type EvalContext } from './context.js';
import { evalAt } from './evaluate.js';
import { Annotations, PromqlError, type Sample, type Series, type Value } from './values.js';

export type PromValue =
  | { resultType: 'scalar'; result: { t: number; value: number } }
  | { resultType: 'string'; result: { t: number; value: string } }
  | { resultType: 'vector'; result: { metric: Record<string, string>; t: number; value: number }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: { t: number; value: number }[] }[] };

export type QueryResult =
  | { ok: true; value: PromValue; warnings: string[]; infos: string[] }
  | { ok: false; error: { type: 'bad_data' | 'execution'; message: string }; warnings: string[]; infos: string[] };

export interface PromqlEngine {
  instantQuery(expr: string, tMs: number): QueryResult;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): QueryResult;
}

export interface PromqlEngineDeps extends EngineOptions {
  regex: RegexPort;
}

const DEFAULT_LOOKBACK_MS = 5 * 60_000;
const DEFAULT_MAX_SAMPLES = 50_000_000;
/** Prometheus' HTTP API refuses range queries of more points than this per series. */
const MAX_POINTS_PER_SERIES = 11_000;
/** Parsed queries kept per engine: rules and back-tests ask the same few texts at every step. */
const PARSE_CACHE_SIZE = 256;

type Parsed = { ok: true; expr: Expr; type: ReturnType<typeof typeOf> } | { ok: false; message: string };

/** parsePromql + typeOf, memoised (least recently inserted evicted first); the AST is never mutated. */
function parseCache(): (text: string) => Parsed {
  const cache = new Map<string, Parsed>();
  return (text) => {
    let p = cache.get(text);
    if (p) return p;
    const r = parsePromql(text);
    p = r.ok ? { ok: true, expr: r.expr, type: typeOf(r.expr) } : { ok: false, message: r.error.message };
    if (cache.size >= PARSE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(text, p);
    return p;
  };
}

export function createPromqlEngine(storage: Storage, deps: PromqlEngineDeps): PromqlEngine {
  const parse = parseCache();
  const selections: EvalContext['selections'] = new WeakMap();
  const run = (text: string, startMs: number, endMs: number, stepMs: number, instant: boolean): QueryResult => {
    const annotations = new Annotations();
    const done = (r: { value: PromValue } | { error: { type: 'bad_data' | 'execution'; message: string } }): QueryResult => {
      const notes = { warnings: [...annotations.warnings], infos: [...annotations.infos] };
      return 'value' in r ? { ok: true, value: r.value, ...notes } : { ok: false, error: r.error, ...notes };
    };
    const parsed = parse(text);
    if (!parsed.ok) return done({ error: { type: 'bad_data', message: parsed.message } });
    const { expr, type } = parsed;
    if (!instant && type !== 'scalar' && type !== 'vector') {
      return done({ error: { type: 'bad_data', message: `invalid expression type ${JSON.stringify(type === 'matrix' ? 'range vector' : type)} for range query, must be Scalar or instant Vector` } });
    }
    const ctx: EvalContext = {
      storage, regex: deps.regex, text, startMs, endMs, stepMs: instant ? 0 : stepMs,
      lookbackMs: deps.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS, subqueryStepMs: deps.subqueryStepMs ?? 60_000,
      maxSamples: deps.maxSamples ?? DEFAULT_MAX_SAMPLES,
      annotations, selected: new Map(), selections, cursors: new Map(),
    };
    try {
      return done({ value: instant ? instantValue(ctx, expr, startMs) : rangeValue(ctx, expr, startMs, endMs, stepMs) });
    } catch (e) {
      if (e instanceof PromqlError) return done({ error: { type: 'execution', message: e.message } });
      throw e;
    }
  };
  return {
    instantQuery: (expr, tMs) => run(expr, tMs, tMs, 0, true),
    rangeQuery: (expr, startMs, endMs, stepMs) => {
      if (stepMs <= 0) return { ok: false, error: { type: 'bad_data', message: 'zero or negative query resolution step widths are not accepted. Try a positive integer' }, warnings: [], infos: [] };
      if (endMs < startMs) return { ok: false, error: { type: 'bad_data', message: 'end timestamp must not be before start time' }, warnings: [], infos: [] };
      // As the API's check (a Go duration division, truncated): refused before any work.
      if (Math.trunc((endMs - startMs) / stepMs) > MAX_POINTS_PER_SERIES) {
        return { ok: false, error: { type: 'bad_data', message: 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)' }, warnings: [], infos: [] };
      }
      return run(expr, startMs, endMs, stepMs, false);
    },
  };
}

function withoutName(ls: Labels): Labels {
  return ls.filter((l) => l.name !== METRIC_NAME && l.name !== '__type__' && l.name !== '__unit__');
}

function instantValue(ctx: EvalContext, expr: Expr, t: number): PromValue {
  const v: Value = evalAt(ctx, expr, t);
  switch (v.type) {
    case 'scalar':
      return { resultType: 'scalar', result: { t, value: v.v } };
    case 'string':
      return { resultType: 'string', result: { t, value: v.v } };
    case 'vector': {
      const samples = v.samples.map((s) => (s.dropName ? { ...s, labels: withoutName(s.labels) } : s));
      const seen = new Set<string>();
      for (const s of samples) {
        const k = labelsKey(s.labels);
        if (seen.has(k)) throw new PromqlError('vector cannot contain metrics with the same labelset');
        seen.add(k);
      }
      // Histogram samples count for label collisions; their values are out of scope, so they are left out.
      return { resultType: 'vector', result: samples.filter((s) => !s.h).map((s) => ({ metric: labelsToRecord(s.labels), t, value: s.v })) };
    }
    case 'matrix':
      return matrixValue(v.series);
  }
}

function rangeValue(ctx: EvalContext, expr: Expr, start: number, end: number, step: number): PromValue {
  const byKey = new Map<string, Series>();
  let held = 0;
  for (let t = start; t <= end; t += step) {
    const v = evalAt(ctx, expr, t);
    const samples: Sample[] = v.type === 'scalar' ? [{ labels: [], v: v.v }] : v.type === 'vector' ? v.samples : [];
    held += samples.length;
    if (held > ctx.maxSamples) throw new PromqlError(TOO_MANY_SAMPLES);
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let series = byKey.get(key);
      if (!series) byKey.set(key, (series = { labels: s.labels, points: [], ...(s.dropName ? { dropName: true } : {}) }));
      if (series.points.length && series.points[series.points.length - 1]!.t === t) throw new PromqlError('vector cannot contain metrics with the same labelset');
      series.points.push(s.h ? { t, v: NaN, h: true } : { t, v: s.v });
    }
  }
  return matrixValue([...byKey.values()]);
}

/** Drops names marked for removal, merges series that now share labels (error if they overlap), sorts by labels. */
function matrixValue(series: Series[]): PromValue {
  const merged = new Map<string, Series>();
  for (const s of series) {
    const labels = s.dropName ? withoutName(s.labels) : s.labels;
    const key = labelsKey(labels);
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { labels, points: [...s.points] });
      continue;
    }
    prev.points.push(...s.points);
    prev.points.sort((a, b) => a.t - b.t);
    for (let i = 1; i < prev.points.length; i++) {
      if (prev.points[i]!.t === prev.points[i - 1]!.t) throw new PromqlError('vector cannot contain metrics with the same labelset');
    }
  }
  const out = [...merged.values()].sort((a, b) => compareLabels(a.labels, b.labels));
  // Histogram points are left out (their values are out of scope), and a series left without points.
  const floats = out.map((s) => ({ labels: s.labels, points: s.points.filter((p) => !p.h) })).filter((s) => s.points.length);
  return { resultType: 'matrix', result: floats.map((s) => ({ metric: labelsToRecord(s.labels), values: s.points.map((p) => ({ t: p.t, value: p.v })) })) };
}

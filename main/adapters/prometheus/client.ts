/**
 * createPrometheusClient(config): the Prometheus HTTP API (query, query_range, series,
 * labels, label values, metadata, rules, alerts, buildinfo, format_query) as typed calls.
 * Every call takes an AbortSignal and resolves to one Success | Error union, never throws.
 * Times are epoch milliseconds (as in shared/contract), steps seconds.
 */
import type { z } from 'zod';
import { parsePrometheusConfig, type PrometheusConfigInput, type PrometheusSettings } from './config';
import { lazyDispatcher } from './dispatcher';
import type { PrometheusError } from './errors';
import { callApi, type ApiCall } from './http';
import {
  alertsDataSchema,
  buildInfoSchema,
  describe,
  metadataDataSchema,
  rulesDataSchema,
  seriesDataSchema,
  stringListSchema,
  toQueryData,
  type PromAlert,
  type PromBuildInfo,
  type PromMetadata,
  type PromQueryData,
  type PromRuleGroup,
} from './schemas';
import { testConnection, type ConnectionCheck } from './connection-test';

export type PromResult<T> = { ok: true; value: T; warnings: string[]; infos: string[] } | { ok: false; error: PrometheusError };

export interface InstantQueryInput {
  query: string;
  /** Evaluation time, epoch ms; missing: the server's now. */
  time?: number;
  /** The server-side evaluation timeout, seconds (Prometheus' `timeout` parameter). */
  timeoutSeconds?: number;
}
export interface RangeQueryInput {
  query: string;
  start: number;
  end: number;
  /** Seconds between points. */
  step: number;
  timeoutSeconds?: number;
}
export interface MatchInput {
  /** Series selectors (`match[]`); the series endpoint needs at least one. */
  match?: string[];
  start?: number;
  end?: number;
}

export interface PrometheusClient {
  /** The URL as shown to people (no credentials). */
  readonly url: string;
  query(input: InstantQueryInput, signal?: AbortSignal): Promise<PromResult<PromQueryData>>;
  queryRange(input: RangeQueryInput, signal?: AbortSignal): Promise<PromResult<PromQueryData>>;
  series(input: MatchInput & { match: string[] }, signal?: AbortSignal): Promise<PromResult<Record<string, string>[]>>;
  labels(input?: MatchInput, signal?: AbortSignal): Promise<PromResult<string[]>>;
  labelValues(label: string, input?: MatchInput, signal?: AbortSignal): Promise<PromResult<string[]>>;
  metadata(input?: { metric?: string; limit?: number }, signal?: AbortSignal): Promise<PromResult<PromMetadata>>;
  rules(input?: { type?: 'alert' | 'record' }, signal?: AbortSignal): Promise<PromResult<PromRuleGroup[]>>;
  alerts(signal?: AbortSignal): Promise<PromResult<PromAlert[]>>;
  buildInfo(signal?: AbortSignal): Promise<PromResult<PromBuildInfo>>;
  /** The query as Prometheus prints it (format_query, Prometheus ≥ 2.38); parse errors carry their position. */
  formatQuery(query: string, signal?: AbortSignal): Promise<PromResult<string>>;
  /** What works and what does not, in words, for the connections page's "test" button. */
  test(signal?: AbortSignal): Promise<ConnectionCheck[]>;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

/** Prometheus takes times as (fractional) unix seconds. */
const seconds = (ms: number): string => String(ms / 1000);

function matchParams(input: MatchInput | undefined): [string, string][] {
  const p: [string, string][] = (input?.match ?? []).map((m) => ['match[]', m]);
  if (input?.start !== undefined) p.push(['start', seconds(input.start)]);
  if (input?.end !== undefined) p.push(['end', seconds(input.end)]);
  return p;
}

/** Makes a client; throws AppFailure('bad_input') when the configuration is invalid. */
export function createPrometheusClient(config: PrometheusConfigInput): PrometheusClient {
  const settings: PrometheusSettings = parsePrometheusConfig(config);
  const dispatcher = lazyDispatcher(settings);
  const ctx = { settings, dispatcher: () => dispatcher.get() };

  /** Calls, then validates `data` with the schema (or a custom mapping). */
  async function run<T>(call: ApiCall, signal: AbortSignal | undefined, parse: (data: unknown) => { ok: true; value: T; warnings?: string[] } | { ok: false; message: string }): Promise<PromResult<T>> {
    const r = await callApi(ctx, call, signal);
    if (!r.ok) return r;
    const parsed = parse(r.answer.data);
    if (!parsed.ok) return { ok: false, error: { kind: 'invalid_answer', message: `${settings.displayUrl}/${call.path}: the answer does not have Prometheus' shape (${parsed.message})` } };
    return { ok: true, value: parsed.value, warnings: [...r.answer.warnings, ...(parsed.warnings ?? [])], infos: r.answer.infos };
  }
  const withSchema =
    <S extends z.ZodType>(schema: S) =>
    (data: unknown): { ok: true; value: z.output<S> } | { ok: false; message: string } => {
      const p = schema.safeParse(data);
      return p.success ? { ok: true, value: p.data } : { ok: false, message: describe(p.error) };
    };
  const queryData = (data: unknown) => {
    const p = toQueryData(data);
    return p.ok ? { ok: true as const, value: p.data, warnings: p.warnings } : p;
  };

  const client: PrometheusClient = {
    url: settings.displayUrl,
    query(input, signal) {
      const params: [string, string][] = [['query', input.query]];
      if (input.time !== undefined) params.push(['time', seconds(input.time)]);
      if (input.timeoutSeconds !== undefined) params.push(['timeout', String(input.timeoutSeconds)]);
      return run({ method: 'POST', path: 'api/v1/query', params, query: input.query }, signal, queryData);
    },
    queryRange(input, signal) {
      const params: [string, string][] = [
        ['query', input.query],
        ['start', seconds(input.start)],
        ['end', seconds(input.end)],
        ['step', String(input.step)],
      ];
      if (input.timeoutSeconds !== undefined) params.push(['timeout', String(input.timeoutSeconds)]);
      return run({ method: 'POST', path: 'api/v1/query_range', params, query: input.query }, signal, queryData);
    },
    series(input, signal) {
      // A single selector is the query whose parse errors we can place.
      return run({ method: 'POST', path: 'api/v1/series', params: matchParams(input), query: input.match.length === 1 ? input.match[0] : undefined }, signal, withSchema(seriesDataSchema));
    },
    labels(input, signal) {
      return run({ method: 'POST', path: 'api/v1/labels', params: matchParams(input) }, signal, withSchema(stringListSchema));
    },
    labelValues(label, input, signal) {
      return run({ method: 'GET', path: `api/v1/label/${encodeURIComponent(label)}/values`, params: matchParams(input) }, signal, withSchema(stringListSchema));
    },
    metadata(input, signal) {
      const params: [string, string][] = [];
      if (input?.metric !== undefined) params.push(['metric', input.metric]);
      if (input?.limit !== undefined) params.push(['limit', String(input.limit)]);
      return run({ method: 'GET', path: 'api/v1/metadata', params }, signal, withSchema(metadataDataSchema));
    },
    async rules(input, signal) {
      const r = await run({ method: 'GET', path: 'api/v1/rules', params: input?.type ? [['type', input.type]] : [] }, signal, withSchema(rulesDataSchema));
      return r.ok ? { ...r, value: r.value.groups } : r;
    },
    async alerts(signal) {
      const r = await run({ method: 'GET', path: 'api/v1/alerts' }, signal, withSchema(alertsDataSchema));
      return r.ok ? { ...r, value: r.value.alerts } : r;
    },
    buildInfo(signal) {
      return run({ method: 'GET', path: 'api/v1/status/buildinfo' }, signal, withSchema(buildInfoSchema));
    },
    formatQuery(query, signal) {
      return run({ method: 'POST', path: 'api/v1/format_query', params: [['query', query]], query }, signal, withSchema(stringListSchema.element));
    },
    test(signal) {
      return testConnection(client, settings, signal);
    },
    close() {
      return dispatcher.close();
    },
  };
  return client;
}

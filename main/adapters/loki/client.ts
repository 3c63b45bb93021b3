/**
 * The Loki HTTP API as typed methods. Each answer is validated with zod into the shapes of
 * shared/contract; each failure is a LokiFailure (see errors.ts). Big query_range spans are
 * split by split.ts, the tail is tail.ts, the connection test checks.ts.
 */
import type { z } from 'zod';
import { AppFailure, appError } from '../../../shared/model/index';
import { checkConnection, type ConnectionCheck } from './checks';
import { lokiConfigSchema, type LokiConfig, type LokiConfigInput } from './config';
import { ParamList, type DetectedParams, type LabelParams, type Opts, type PatternParams, type QueryParams, type QueryRangeParams, type SeriesParams, type TailParams, type VolumeParams } from './params';
import * as S from './schemas';
import { splitQueryRange, type SplitOptions, type SplitProgress } from './split';
import { openTail, type TailOptions } from './tail';
import { followTail, type FollowOptions, type TailEvent } from './tail-follow';
import { createTransport, type Params, type RequestSpec } from './transport';

const API = '/loki/api/v1';
/** Beyond this many characters of query, query_range and series go as a POST form (URL limits). */
const LONG_QUERY = 4096;

export interface LokiClient {
  readonly config: LokiConfig;
  /** Instant metric query (Loki refuses log selectors here with a 400). */
  query(p: QueryParams, o?: Opts): Promise<S.QueryAnswer>;
  queryRange(p: QueryRangeParams, o?: Opts & { post?: boolean }): Promise<S.QueryAnswer>;
  /** query_range split into sub-ranges, merged; progress as it goes. */
  queryRangeSplit(p: QueryRangeParams, o?: SplitOptions): Promise<S.QueryAnswer>;
  /** The same, as an async iterable of progress with the merged answer so far. */
  queryRangeChunks(p: QueryRangeParams, o?: SplitOptions): AsyncGenerator<SplitProgress, S.QueryAnswer>;
  labels(p?: LabelParams, o?: Opts): Promise<string[]>;
  labelValues(name: string, p?: LabelParams, o?: Opts): Promise<string[]>;
  series(p: SeriesParams, o?: Opts & { post?: boolean }): Promise<Record<string, string>[]>;
  push(streams: S.PushStream[], o?: Opts): Promise<void>;
  indexStats(p: { query: string; start?: number | string; end?: number | string }, o?: Opts): Promise<S.IndexStats>;
  volume(p: VolumeParams, o?: Opts): Promise<z.infer<typeof S.volumeResponseSchema>['data']>;
  volumeRange(p: VolumeParams, o?: Opts): Promise<z.infer<typeof S.volumeResponseSchema>['data']>;
  patterns(p: PatternParams, o?: Opts): Promise<S.LokiPattern[]>;
  detectedFields(p: DetectedParams, o?: Opts): Promise<S.DetectedField[]>;
  detectedFieldValues(name: string, p: DetectedParams, o?: Opts): Promise<string[]>;
  detectedLabels(p: DetectedParams, o?: Opts): Promise<S.DetectedLabel[]>;
  /** Loki's pretty-printed query; a parse error comes back as a positioned LokiFailure. */
  formatQuery(query: string, o?: Opts): Promise<string>;
  buildInfo(o?: Opts): Promise<S.BuildInfo>;
  /** `/ready`: resolves when Loki says ready, else fails with its words (503 while starting). */
  ready(o?: Opts): Promise<void>;
  /** Live tail over Loki's WebSocket: frames in order until the signal aborts or close(). */
  tail(p: TailParams, o?: TailOptions): AsyncGenerator<S.TailFrame, void>;
  /** The same tail, reconnecting after transient failures without repeating or losing lines. */
  followTail(p: TailParams, o?: FollowOptions): AsyncGenerator<TailEvent, void>;
  /** The "test" button: reachable, auth, tenant, labels — each a sentence. */
  test(signal?: AbortSignal): Promise<ConnectionCheck[]>;
  /** Ends the client: requests in flight end as cancelled, tails end, connections close. */
  close(): Promise<void>;
}

/** Validates the config (a clear AppFailure naming the field if wrong) and builds the client. */
export function createLokiClient(input: LokiConfigInput): LokiClient {
  const parsed = lokiConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new AppFailure(appError('bad_input', `Loki connection: ${field ? `${field}: ` : ''}${issue.message}`));
  }
  const config = parsed.data;
  const t = createTransport(config);

  async function call<T extends z.ZodType>(spec: RequestSpec, schema: T): Promise<z.infer<T>> {
    const answer = await t.request(spec);
    const checked = schema.safeParse(answer.json);
    if (!checked.success) {
      const issues = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
      throw t.fail({ kind: 'invalid_answer', status: answer.status, issues, message: `the answer of ${t.urlOf(spec.path)} does not have the shape of Loki's API (${issues}): is this a Loki server, and of version 2.9 or later?` });
    }
    return checked.data;
  }
  const get = <T extends z.ZodType>(path: string, params: Params, schema: T, o?: Opts, query?: string): Promise<z.infer<T>> =>
    call({ method: 'GET', path, params, expect: 'json', signal: o?.signal, query }, schema);

  const toAnswer = (r: z.infer<typeof S.queryResponseSchema>): S.QueryAnswer => {
    const { stats, ...data } = r.data as S.LokiQueryData & { stats?: { summary?: S.StatsSummary } };
    return { data: data as S.LokiQueryData, warnings: r.warnings ?? [], stats: stats?.summary ?? null };
  };

  const queryRange = async (p: QueryRangeParams, o?: Opts & { post?: boolean }): Promise<S.QueryAnswer> => {
    const params = new ParamList().add('query', p.query).range(p).step('step', p.step).step('interval', p.interval).add('limit', p.limit).add('direction', p.direction).list;
    const post = o?.post ?? p.query.length > LONG_QUERY;
    const r = await call({ method: post ? 'POST' : 'GET', form: post, path: `${API}/query_range`, params, expect: 'json', signal: o?.signal, query: p.query }, S.queryResponseSchema);
    return toAnswer(r);
  };

  const client: LokiClient = {
    config,
    async query(p, o) {
      const params = new ParamList().add('query', p.query).time('time', p.time).add('limit', p.limit).add('direction', p.direction).list;
      return toAnswer(await get(`${API}/query`, params, S.queryResponseSchema, o, p.query));
    },
    queryRange,
    queryRangeSplit: async (p, o) => {
      const it = splitQueryRange(queryRange, p, config.splitIntervalMs, o);
      for (;;) {
        const step = await it.next();
        if (step.done) return step.value;
        o?.onProgress?.(step.value);
      }
    },
    queryRangeChunks: (p, o) => splitQueryRange(queryRange, p, config.splitIntervalMs, o),
    async labels(p = {}, o) {
      const r = await get(`${API}/labels`, new ParamList().range(p).add('query', p.query).list, S.stringListResponseSchema, o, p.query);
      return r.data ?? [];
    },
    async labelValues(name, p = {}, o) {
      const r = await get(`${API}/label/${encodeURIComponent(name)}/values`, new ParamList().range(p).add('query', p.query).list, S.stringListResponseSchema, o, p.query);
      return r.data ?? [];
    },
    async series(p, o) {
      const params = new ParamList();
      for (const m of p.match) params.add('match[]', m);
      params.range(p);
      const post = o?.post ?? p.match.join('').length > LONG_QUERY;
      const r = await call({ method: post ? 'POST' : 'GET', form: post, path: `${API}/series`, params: params.list, expect: 'json', signal: o?.signal, query: p.match.length === 1 ? p.match[0] : undefined }, S.seriesResponseSchema);
      return r.data ?? [];
    },
    async push(streams, o) {
      for (const s of streams) S.pushStreamSchema.parse(s);
      await t.request({ method: 'POST', path: `${API}/push`, body: { contentType: 'application/json', data: JSON.stringify({ streams }) }, expect: 'none', signal: o?.signal });
    },
    indexStats: (p, o) => get(`${API}/index/stats`, new ParamList().add('query', p.query).range(p).list, S.indexStatsSchema, o, p.query),
    async volume(p, o) {
      return (await get(`${API}/index/volume`, volumeParams(p).list, S.volumeResponseSchema, o, p.query)).data;
    },
    async volumeRange(p, o) {
      return (await get(`${API}/index/volume_range`, volumeParams(p).step('step', p.step).list, S.volumeResponseSchema, o, p.query)).data;
    },
    async patterns(p, o) {
      const r = await get(`${API}/patterns`, new ParamList().add('query', p.query).range(p).step('step', p.step).list, S.patternsResponseSchema, o, p.query);
      return r.data ?? [];
    },
    async detectedFields(p, o) {
      const r = await get(`${API}/detected_fields`, detectedParams(p).add('line_limit', p.lineLimit).list, S.detectedFieldsResponseSchema, o, p.query);
      return r.fields ?? [];
    },
    async detectedFieldValues(name, p, o) {
      const r = await get(`${API}/detected_field/${encodeURIComponent(name)}/values`, detectedParams(p).list, S.detectedFieldValuesResponseSchema, o, p.query);
      return r.values ?? [];
    },
    async detectedLabels(p, o) {
      const r = await get(`${API}/detected_labels`, new ParamList().add('query', p.query).range(p).list, S.detectedLabelsResponseSchema, o, p.query);
      return r.detectedLabels ?? [];
    },
    async formatQuery(query, o) {
      return (await get(`${API}/format_query`, [['query', query]], S.formatQueryResponseSchema, o, query)).data;
    },
    buildInfo: (o) => get(`${API}/status/buildinfo`, [], S.buildInfoSchema, o),
    async ready(o) {
      await t.request({ method: 'GET', path: '/ready', expect: 'none', signal: o?.signal });
    },
    tail: (p, o) => openTail(t, p, o),
    followTail: (p, o) => followTail(t, p, o),
    test: (signal) => checkConnection(client, signal),
    close: () => t.close(),
  };
  return client;
}

function volumeParams(p: VolumeParams): ParamList {
  const l = new ParamList().add('query', p.query).range(p).add('limit', p.limit);
  if (p.targetLabels?.length) l.add('targetLabels', p.targetLabels.join(','));
  return l.add('aggregateBy', p.aggregateBy);
}

function detectedParams(p: DetectedParams): ParamList {
  return new ParamList().add('query', p.query).range(p).add('limit', p.limit);
}

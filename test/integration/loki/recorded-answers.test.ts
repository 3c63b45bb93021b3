/**
 * The Loki client against every recorded HTTP answer of Loki v3.7.6 (replayed): each call must
 * send the request Loki was sent (else the replay server has no answer for it) and turn the
 * answer into the contract's shapes, or each recorded error into the words the user sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LokiClient, LokiErrorKind } from '../../../main/adapters/loki/index';
import { END, START, clientFor, expectNoSecrets, outcome, recordedData } from './kit';
import type { Recorded } from './recorded';
import { startReplayServer, type ReplayServer } from './replay-server';

type Want =
  | { value: unknown | ((r: Recorded) => unknown) }
  | { error: LokiErrorKind; says: RegExp; where?: { line: number; column: number; offset?: number } };
interface Case {
  file: string;
  what: string;
  tenant?: string | null;
  call: (c: LokiClient) => Promise<unknown>;
  want: Want;
}

const FIX = 'loki-api-fixtures';
const range = { start: START, end: END };
const fromRecording = (r: Recorded): unknown => recordedData(r.body);
const queryAnswer = (r: Recorded): unknown => ({ data: recordedData(r.body), warnings: [], stats: expect.objectContaining({ totalBytesProcessed: expect.any(Number) }) });

const CASES: Case[] = [
  { file: 'buildinfo.txt', what: 'buildinfo gives the version', call: (c) => c.buildInfo(), want: { value: expect.objectContaining({ version: 'v3.7.6', branch: 'release-3.7.x' }) } },
  { file: 'ready.txt', what: 'ready resolves when Loki says ready', call: (c) => c.ready(), want: { value: undefined } },
  { file: 'labels.txt', what: 'label names over a range', call: (c) => c.labels(range), want: { value: ['env', 'filename', 'host', 'job'] } },
  { file: 'labels-no-range.txt', what: 'label names without a range use Loki’s default', call: (c) => c.labels(), want: { value: ['env', 'filename', 'host', 'job'] } },
  { file: 'labels-401-no-org-id.txt', what: 'labels without a tenant ask the user to set the tenant', tenant: null, call: (c) => c.labels(), want: { error: 'no_org_id', says: /401 "no org id".*set the tenant \(X-Scope-OrgID\)/ } },
  { file: 'label-values.txt', what: 'the values of a label', call: (c) => c.labelValues('job', range), want: { value: ['apache', 'api', 'fixture'] } },
  { file: 'label-values-with-query.txt', what: 'label values restricted by a selector', call: (c) => c.labelValues('host', { ...range, query: '{job="api"}' }), want: { value: ['app1', 'app2', 'app3'] } },
  { file: 'label-values-unknown.txt', what: 'an unknown label has no values (Loki omits data)', call: (c) => c.labelValues('nope', range), want: { value: [] } },
  { file: 'series.txt', what: 'the series of a selector', call: (c) => c.series({ match: ['{job="apache"}'], ...range }), want: { value: fromRecording } },
  { file: 'series-two-matchers.txt', what: 'series of two selectors', call: (c) => c.series({ match: ['{job="apache"}', '{host="app3"}'], ...range }), want: { value: fromRecording } },
  { file: 'series-post-form.txt', what: 'series as a POST form', call: (c) => c.series({ match: ['{env="prod"}'], ...range }, { post: true }), want: { value: fromRecording } },
  { file: 'query_range-streams.txt', what: 'a backward log query gives streams newest first', call: (c) => c.queryRange({ query: '{job="apache"} |= "error"', ...range, limit: 5, direction: 'backward' }), want: { value: queryAnswer } },
  { file: 'query_range-streams-forward.txt', what: 'a forward log query with a parser', call: (c) => c.queryRange({ query: '{job="api", host="app1"} | json level', ...range, limit: 3, direction: 'forward' }), want: { value: queryAnswer } },
  { file: 'query_range-empty.txt', what: 'a selector matching nothing gives no streams', call: (c) => c.queryRange({ query: '{job="nope"}', ...range, limit: 10 }), want: { value: queryAnswer } },
  { file: 'query_range-post-form.txt', what: 'query_range as a POST form', call: (c) => c.queryRange({ query: '{job="apache", host="web2"}', ...range, limit: 2 }, { post: true }), want: { value: queryAnswer } },
  { file: 'query_range-matrix.txt', what: 'a metric range query gives a matrix', call: (c) => c.queryRange({ query: 'sum by (host) (rate({job="apache"}[1m]))', ...range, step: 60, limit: 100, direction: 'backward' }), want: { value: queryAnswer } },
  { file: 'query_range-matrix-duration-step.txt', what: 'unix-second times and a duration step pass through', call: (c) => c.queryRange({ query: 'count_over_time({job="apache", host="web1"}[1m])', start: '1795132800', end: '1795132920', step: '30s' }), want: { value: queryAnswer } },
  { file: 'query_range-rfc3339.txt', what: 'RFC 3339 times pass through', call: (c) => c.queryRange({ query: 'count_over_time({job="apache", host="web1"}[1m])', start: '2026-11-20T00:00:00Z', end: '2026-11-20T00:02:00Z', step: 60 }), want: { value: queryAnswer } },
  { file: 'query-instant-vector.txt', what: 'an instant metric query gives a vector', call: (c) => c.query({ query: 'sum by (job) (count_over_time({job=~".+"}[5m]))', time: END, limit: 100, direction: 'backward' }), want: { value: queryAnswer } },
  { file: 'query-instant-scalar.txt', what: 'a scalar keeps Loki’s millisecond timestamp', call: (c) => c.query({ query: '1 + 2', time: END }), want: { value: expect.objectContaining({ data: { resultType: 'scalar', result: [1795133100000, '3'] } }) } },
  { file: 'query-instant-streams.txt', what: 'an instant log query is refused in Loki’s words', call: (c) => c.query({ query: '{job="apache"}', time: END, limit: 5, direction: 'backward' }), want: { error: 'bad_request', says: /refused the request \(400\): log queries are not supported as an instant query type/ } },
  { file: 'query-400-parse-error.txt', what: 'a parse error carries its line, column and offset', call: (c) => c.queryRange({ query: '{job="apache"', ...range, limit: 10 }), want: { error: 'parse_error', says: /^parse error at line 1, col 14: syntax error: unexpected \$end, expecting } or ,$/, where: { line: 1, column: 14, offset: 13 } } },
  { file: 'query-400-pipeline-error.txt', what: 'a pipeline error is shown whole', call: (c) => c.query({ query: 'count_over_time({job="api", host="app1"} | json [5m])', time: END }), want: { error: 'bad_request', says: /pipeline error: 'JSONParserErr'[\s\S]*Use a label filter to intentionally skip this error/ } },
  { file: 'query-400-max-entries-limit.txt', what: 'a limit above the server’s maximum is explained', call: (c) => c.queryRange({ query: '{job="apache"}', ...range, limit: 5001 }), want: { error: 'bad_request', says: /max entries limit per query exceeded, limit > max_entries_limit_per_query \(5001 > 5000\)/ } },
  { file: 'query-400-max-resolution.txt', what: 'a step too small is explained', call: (c) => c.queryRange({ query: 'count_over_time({job="apache"}[1m])', ...range, step: 0.01 }), want: { error: 'bad_request', says: /exceeded maximum resolution of 11,000 points per time series/ } },
  { file: 'query-401-no-org-id.txt', what: 'a query without a tenant asks for one', tenant: null, call: (c) => c.queryRange({ query: '{job="apache"}', ...range, limit: 10 }), want: { error: 'no_org_id', says: /set the tenant/ } },
  { file: 'index-stats.txt', what: 'index stats', call: (c) => c.indexStats({ query: '{job="apache"}', ...range }), want: { value: { streams: 0, chunks: 0, bytes: 0, entries: 0 } } },
  { file: 'index-volume.txt', what: 'volume by stream gives a vector', call: (c) => c.volume({ query: '{job=~".+"}', ...range }), want: { value: fromRecording } },
  { file: 'index-volume-by-label.txt', what: 'volume aggregated by a label', call: (c) => c.volume({ query: '{job=~".+"}', ...range, targetLabels: ['host'], aggregateBy: 'labels' }), want: { value: fromRecording } },
  { file: 'index-volume_range.txt', what: 'volume_range gives a matrix at bucket ends', call: (c) => c.volumeRange({ query: '{job="apache"}', ...range, step: 60 }), want: { value: fromRecording } },
  { file: 'patterns.txt', what: 'no patterns for old data', call: (c) => c.patterns({ query: '{job="apache"}', ...range, step: '60s' }), want: { value: [] } },
  { file: 'patterns-recent.txt', what: 'patterns of recent lines', tenant: 'loki-api-patterns', call: (c) => c.patterns({ query: '{job="patterns"}', start: '1795549653', end: '1795553313', step: '60s' }), want: { value: [{ pattern: 'request <_> served in <_> status=200', level: 'unknown', samples: [[1795553160, 27], [1795553220, 13]] }] } },
  { file: 'detected_fields.txt', what: 'detected fields with their parsers and JSON paths', call: (c) => c.detectedFields({ query: '{job="api"}', ...range, limit: 100 }), want: { value: (r: Recorded) => JSON.parse(r.body.toString()).fields } },
  { file: 'detected_field-values.txt', what: 'the values of a detected field', call: (c) => c.detectedFieldValues('level', { query: '{job="api"}', ...range, limit: 100 }), want: { value: ['error', 'warn', 'debug', 'info'] } },
  { file: 'detected_labels.txt', what: 'detected labels with cardinalities', call: (c) => c.detectedLabels({ query: '{job=~".+"}', ...range }), want: { value: [{ label: 'host', cardinality: 6 }, { label: 'filename', cardinality: 2 }, { label: 'env', cardinality: 3 }, { label: 'job', cardinality: 3 }] } },
  { file: 'format_query.txt', what: 'format_query gives Loki’s printed query', call: (c) => c.formatQuery('sum by(job)(rate({job="apache",host=~"web.*"}|="error"|json|level!="info"[5m]))'), want: { value: 'sum by (job)(rate({job="apache", host=~"web.*"} |= "error" | json | level!="info"[5m]))' } },
  { file: 'format_query-parse-error.txt', what: 'format_query’s JSON error is a positioned parse error', call: (c) => c.formatQuery('{job="apache"'), want: { error: 'parse_error', says: /^parse error at line 1, col 14: syntax error: unexpected \$end/, where: { line: 1, column: 14, offset: 13 } } },
  { file: 'push-204.txt', what: 'a push is accepted', call: (c) => c.push([{ stream: { job: 'fixture', host: 'h1' }, values: [['1795132801000000000', 'first fixture line'], ['1795132802000000000', 'second fixture line level=warn']] }]), want: { value: undefined } },
  { file: 'push-400-bad-json.txt', what: 'a push Loki cannot decode shows its decoder’s words', call: (c) => c.push([{ stream: { job: 'fixture' }, values: [['not-a-number', 'x']] }]), want: { error: 'bad_request', says: /unmarshalerDecoder: Value looks like Number/ } },
  { file: 'push-400-bad-labels.txt', what: 'a push with a bad label name', call: (c) => c.push([{ stream: { '1bad': 'x' }, values: [['1795132803000000000', 'x']] }]), want: { error: 'bad_request', says: /couldn't parse labels: 1:2: parse error: unexpected character inside braces: '1'/ } },
  { file: 'push-400-no-labels.txt', what: 'a push without labels', call: (c) => c.push([{ stream: {}, values: [['1795132803000000000', 'x']] }]), want: { error: 'bad_request', says: /at least one label pair is required per stream/ } },
  { file: 'push-401-no-org-id.txt', what: 'a push without a tenant asks for one', tenant: null, call: (c) => c.push([]), want: { error: 'no_org_id', says: /set the tenant/ } },
  { file: 'status-404-unknown-path.txt', what: 'a wrong path prefix says to check the URL', call: (c) => c.labels(), want: { error: 'not_found', says: /404 page not found.*is the base URL right/ } },
];

describe('the Loki client against recorded answers', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer();
  });
  afterAll(() => replay.close());

  it.each(CASES)('$file: $what', async (c) => {
    const tenant = c.tenant === undefined ? FIX : c.tenant;
    // The 404 case points the client at a prefix Loki does not serve.
    const url = c.file === 'status-404-unknown-path.txt' ? `${replay.url}/wrong-prefix` : replay.url;
    const client = clientFor(url, tenant);
    const before = replay.seen.length;
    const got = await outcome(c.call(client));
    await client.close();
    expect(replay.seen.slice(before).map((s) => s.matched)).toEqual([c.file]);
    expectNoSecrets(got);
    const recorded = replay.recorded.get(c.file)!;
    if ('value' in c.want) {
      if (!got.ok) throw new Error(`expected a value, got ${got.error.kind}: ${got.message}`);
      const want = typeof c.want.value === 'function' ? (c.want.value as (r: Recorded) => unknown)(recorded) : c.want.value;
      expect(got.value).toEqual(want);
    } else {
      expect(got.ok).toBe(false);
      if (got.ok) return;
      expect(got.error.kind).toBe(c.want.error);
      expect(got.message).toMatch(c.want.says);
      if (c.want.where) expect(got.where).toEqual(c.want.where);
    }
  });

  it('every recorded HTTP answer is exercised by a case above or by the tail tests', () => {
    const covered = new Set(CASES.map((c) => c.file));
    const missing = [...replay.recorded.keys()].filter((f) => !covered.has(f) && !f.startsWith('tail'));
    expect(missing).toEqual([]);
  });
});

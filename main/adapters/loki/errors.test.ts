import { describe, expect, it } from 'vitest';
import { lokiConfigSchema, redact, secretsOf } from './config';
import { offsetOf, parsePosition, statusError } from './errors';
import { msToNs, nsToMs } from './params';
import { retryAfterMs } from './transport';

describe('Loki error positions', () => {
  it.each<[string, string, number, number, number | null]>([
    ['one past the end of a one-line query is its end', '{job="apache"', 1, 14, 13],
    ['a column on the second line counts from that line', 'sum(\n  rate({a="b"} [1m]) x', 2, 22, 26],
    ['a column beyond the line is clamped to its end', '{a="b"}', 1, 99, 7],
    ['runes before the column count once, however JS stores them', '{a="😀"} |= x', 1, 9, 9],
    ['a line that does not exist gives no offset', '{a="b"}', 3, 1, null],
  ])('%s', (_what, query, line, column, offset) => {
    expect(offsetOf(query, line, column)).toBe(offset);
  });

  it.each<[string, string, { line: number; column: number } | null]>([
    ['Loki’s parse error', 'parse error at line 1, col 14: syntax error: unexpected $end', { line: 1, column: 14 }],
    ['a label parse error of a push is not a query position', "couldn't parse labels: 1:2: parse error: unexpected character", null],
  ])('%s is read as %j', (_what, message, want) => {
    expect(parsePosition(message)).toEqual(want);
  });

  it.each<[string, number, string, string]>([
    ['401 no org id asks for the tenant', 401, 'no org id\n', 'no_org_id'],
    ['401 otherwise is about credentials', 401, 'invalid token', 'unauthorized'],
    ['403 is about credentials', 403, '', 'unauthorized'],
    ['400 with a position is a parse error', 400, 'parse error at line 1, col 2: x', 'parse_error'],
    ['400 without one is a bad request', 400, 'limit too big', 'bad_request'],
    ['404 says to check the URL', 404, '404 page not found', 'not_found'],
    ['503 is the server failing', 503, 'Ingester not ready', 'server_error'],
  ])('status: %s', (_what, status, body, kind) => {
    expect(statusError(status, 'X', body, 'http://h/loki/api/v1/labels', '{a="b"}').kind).toBe(kind);
  });
});

describe('Loki times', () => {
  it.each<[number, string]>([
    [1795132800000, '1795132800000000000'],
    [1795132800000.5, '1795132800000500000'],
    [0, '0'],
  ])('%d ms is %s ns, without float rounding', (ms, ns) => {
    expect(msToNs(ms)).toBe(ns);
    expect(nsToMs(ns)).toBe(ms);
  });

  it.each<[string, string | null, number | null]>([
    ['seconds', '3', 3000],
    ['a fraction of seconds', '0.5', 500],
    ['an HTTP date 10 s ahead', new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), 10_000],
    ['nothing', null, null],
    ['garbage', 'soon', null],
  ])('Retry-After as %s', (_what, value, ms) => {
    expect(retryAfterMs(value, Date.UTC(2026, 0, 1))).toBe(ms);
  });
});

describe('secrets of a Loki connection', () => {
  const config = lokiConfigSchema.parse({
    url: 'http://h:3100',
    auth: { kind: 'basic', username: 'u', password: 'hunter22' },
    headers: { 'X-Api-Key': 'k-123456', 'X-Team': 'blue' },
  });
  it('are the password, its Basic form and key-like custom headers, not other headers', () => {
    expect(secretsOf(config).sort()).toEqual(['dTpodW50ZXIyMg==', 'hunter22', 'k-123456'].sort());
  });
  it('are replaced wherever they occur in a text', () => {
    expect(redact('Basic dTpodW50ZXIyMg== said hunter22 with k-123456 for blue', secretsOf(config))).toBe('Basic *** said *** with *** for blue');
  });
});

/** Settings validated at construction, parse-error positions, and secret scrubbing, as tables. */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/model/index';
import { parsePrometheusConfig, type PrometheusConfigInput } from './config';
import { parseErrorPosition, prometheusToAppError, redact } from './errors';

describe('a configuration is validated when the client is made', () => {
  const bad: { name: string; config: PrometheusConfigInput; says: RegExp }[] = [
    { name: 'a URL that is not a URL', config: { url: 'localhost:9090' }, says: /url: the Prometheus URL must be an http:\/\/ or https:\/\/ URL/ },
    { name: 'a URL with another scheme', config: { url: 'ftp://host' }, says: /must be an http:\/\/ or https:\/\/ URL/ },
    { name: 'a header name with a space', config: { url: 'http://h', headers: { 'X Bad': 'v' } }, says: /header name "X Bad" is not a valid HTTP header name/ },
    { name: 'a header value with a line break', config: { url: 'http://h', headers: { 'X-A': 'v\r\nInjected: 1' } }, says: /header X-A: a value may not contain line breaks/ },
    { name: 'a header the client sets itself', config: { url: 'http://h', headers: { 'Content-Type': 'text/plain' } }, says: /header Content-Type is set by Vigie/ },
    { name: 'a client certificate without its key', config: { url: 'https://h', tls: { certFile: '/c.pem' } }, says: /a client certificate needs both certFile and keyFile/ },
    { name: 'an empty bearer token', config: { url: 'http://h', auth: { kind: 'bearer', token: '' } }, says: /auth\.token: the token is empty/ },
    { name: 'credentials both in the URL and as auth', config: { url: 'http://a:b@h', auth: { kind: 'bearer', token: 't' } }, says: /credentials are given both in the URL and as authentication/ },
    { name: 'a proxy that is not http', config: { url: 'http://h', proxyUrl: 'socks5://p:1080' }, says: /proxyUrl: the proxy URL must be an http/ },
    { name: 'a zero timeout', config: { url: 'http://h', timeoutMs: 0 }, says: /timeoutMs/ },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      let thrown: unknown;
      try {
        parsePrometheusConfig(c.config);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(AppFailure);
      expect((thrown as AppFailure).error.code).toBe('bad_input');
      expect((thrown as AppFailure).error.message).toMatch(c.says);
    });
  }

  const good: { name: string; config: PrometheusConfigInput; base: string; shown: string }[] = [
    { name: 'a bare host', config: { url: 'http://127.0.0.1:9090' }, base: 'http://127.0.0.1:9090/', shown: 'http://127.0.0.1:9090' },
    { name: 'a path prefix without a trailing slash', config: { url: 'https://h/prometheus' }, base: 'https://h/prometheus/', shown: 'https://h/prometheus' },
    { name: 'a query string and fragment, dropped', config: { url: 'http://h/p/?x=1#y' }, base: 'http://h/p/', shown: 'http://h/p' },
    { name: 'credentials in the URL, moved out', config: { url: 'http://me:s%40cret@h' }, base: 'http://h/', shown: 'http://h' },
  ];
  for (const c of good) {
    it(`accepts ${c.name}`, () => {
      const s = parsePrometheusConfig(c.config);
      expect(s.baseUrl.href).toBe(c.base);
      expect(s.displayUrl).toBe(c.shown);
    });
  }

  it('takes URL credentials as basic auth, decoded, and lists them as secrets', () => {
    const s = parsePrometheusConfig({ url: 'http://me:s%40cret@h' });
    expect(s.auth).toEqual({ kind: 'basic', username: 'me', password: 's@cret' });
    expect(s.secrets).toEqual(['s@cret', Buffer.from('me:s@cret').toString('base64')]);
  });
});

describe('the position of a Prometheus parse error in the query', () => {
  const cases: { name: string; message: string; query: string; at: { line: number; column: number; offset: number } | undefined }[] = [
    { name: 'the API form, with its parameter prefix', message: 'invalid parameter "query": 1:6: parse error: unclosed left parenthesis', query: 'sum(x', at: { line: 1, column: 6, offset: 5 } },
    { name: 'the bare form', message: '1:1: parse error: unknown function with name "nofunc"', query: 'nofunc(x)', at: { line: 1, column: 1, offset: 0 } },
    { name: 'a second line', message: '2:3: parse error: unexpected <EOF>', query: 'sum(\n  x', at: { line: 2, column: 3, offset: 7 } },
    { name: 'bytes after a two-byte character become characters', message: '1:12: parse error: x', query: '"é" + foo(', at: { line: 1, column: 11, offset: 10 } },
    { name: 'an emoji (four bytes, two UTF-16 units)', message: '1:8: parse error: x', query: '"😀" +', at: { line: 1, column: 6, offset: 5 } },
    { name: 'no position in the message', message: 'exceeded maximum resolution of 11,000 points per timeseries', query: 'up', at: undefined },
    { name: 'a line past the query', message: '3:1: parse error: x', query: 'up', at: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parseErrorPosition(c.message, c.query)).toEqual(c.at);
    });
  }

  it('becomes the AppError position the editor underlines', () => {
    expect(prometheusToAppError({ kind: 'bad_data', message: 'm', position: { line: 1, column: 6, offset: 5 } })).toEqual({ code: 'bad_input', message: 'm', where: { line: 1, column: 6, offset: 5 } });
    expect(prometheusToAppError({ kind: 'unauthorized', status: 401, message: 'm' }).code).toBe('unauthorized');
    expect(prometheusToAppError({ kind: 'cancelled', message: 'cancelled' }).code).toBe('cancelled');
  });
});

describe('secrets are scrubbed from text', () => {
  const cases: { name: string; text: string; secrets: string[]; out: string }[] = [
    { name: 'every occurrence', text: 'a pw b pw', secrets: ['pw'], out: 'a *** b ***' },
    { name: 'a longer secret before one it contains', text: 'token=abc123', secrets: ['abc', 'abc123'], out: 'token=***' },
    { name: 'nothing when there is no secret', text: 'plain', secrets: [], out: 'plain' },
  ];
  for (const c of cases) it(c.name, () => expect(redact(c.text, c.secrets)).toBe(c.out));
});

import { describe, expect, it } from 'vitest';
import { parseLogql } from '../../../shared/logql/parse';
import { logQuery, ports } from '../../adapters/re2/logql-test-kit';
import { buildPipeline } from './pipeline';
import { runLogQuery } from './run-log-query';

const QUERIES = [
  '{job="t"} |= "a" != "b" |~ "(?i)x|y" !~ "z+" |> "<_>a<_>" !> "q<_>" |= ip("10.0.0.0/8") != ip("::1")',
  '{job="t"} | json | a > 1 or b =~ "x.*" | drop a | keep b, c="1"',
  '{job="t"} | json a="x.y[0]", b=`["k k"]`, c="z" | a != ""',
  '{job="t"} | logfmt --strict --keep-empty | d > 1s and s < 1KB',
  '{job="t"} | logfmt a, b="c" | label_format x=a, y="{{.b}}{{ __line__ | trunc 3 }}"',
  '{job="t"} | regexp `(?P<a>\\w+)=(?P<b>\\S*)` | ip = ip("1.2.3.0/24")',
  '{job="t"} | pattern "<a> <_> [<b>] <c>" | line_format "{{.a}}|{{.c | ToUpper}}"',
  '{job="t"} | unpack | decolorize | line_format "{{ __timestamp__ | unixEpoch }} {{.nope}}"',
];

function randomLine(rand: () => number): string {
  const pieces = ['{', '}', '"', ':', ',', '[', ']', '\\', '=', ' ', 'a', 'b', 'x', 'é', '😀', '\ud800', '\x1b[31m', '1.2.3.4', '::1', '1KB', '250ms', '_entry', 'null', 'true', '-', '<', '>', '\n', '\t', '\u0000', '{{', '}}'];
  const n = Math.floor(rand() * 60);
  let s = '';
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)];
  if (rand() < 0.3) s = JSON.stringify({ a: s, x: { y: [s, 1] }, _entry: s, b: rand() });
  if (rand() < 0.3) s = `a=${JSON.stringify(s)} b=${s.length} d=${s.slice(0, 3)}`;
  return s;
}

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('hostile input', () => {
  it.each(QUERIES)('never throws on the per-line path of %s', (query) => {
    const errors: unknown[] = [];
    const built = buildPipeline(logQuery(query).stages, ports, { onInternalError: (e) => errors.push(e) });
    if (!built.ok) throw new Error(built.error.message);
    const sp = built.pipeline.forStream({ job: 't', a: 'stream' });
    const rand = lcg(42);
    for (let i = 0; i < 3000; i++) sp.process(BigInt(i), randomLine(rand));
    expect(errors).toEqual([]);
  });

  it('handles a 100 KB query (a 14 000-word regex alternation and 100 chained filters)', () => {
    const words = Array.from({ length: 14_000 }, (_, i) => `w${i}x`);
    const filters = Array.from({ length: 100 }, (_, i) => `!= "nope${i}"`).join(' ');
    const query = `{job="t"} |~ "${words.join('|')}" ${filters} | logfmt | line_format "{{.k}}"`;
    expect(query.length).toBeGreaterThanOrEqual(100_000);
    const r = parseLogql(query);
    if (!r.ok || r.expr.kind !== 'logQuery') throw new Error(r.ok ? 'not a log query' : r.error.message);
    const entries = [
      { tsNs: 1n, line: 'k=first w13999x' },
      { tsNs: 2n, line: 'k=second w14000x' },
      { tsNs: 3n, line: 'k=third w7x nope70' },
    ];
    const out = runLogQuery(r.expr, { streams: [{ labels: { job: 't' }, entries }] }, { startNs: 0n, endNs: 10n, limit: 10, direction: 'forward' }, ports);
    expect(out.ok && out.data.result.flatMap((s) => s.values.map(([, l]) => l))).toEqual(['first']);
  });
});

/**
 * Micro-benchmark of the `| logfmt` and `| json` parsers, alone and through a log pipeline
 * (labels built and sorted as a log query returns them): `npx tsx test/bench/logql-parsers-bench.ts`.
 * Lines are typical (100–200 bytes, 5–12 keys), as the query bench's corpora have them.
 * Prints lines per second on one core; no assertions, timings vary by machine.
 */
import { parseLogql } from '../../shared/logql/parse';
import { nodeLogqlPorts } from '../../main/adapters/re2/logql-ports';
import { re2CheckRegex } from '../../main/adapters/re2/re2-port';
import { buildPipeline } from '../../main/engines/logql/pipeline';
import { jsonParser } from '../../main/engines/logql/json-parser';
import { LabelsBuilder } from '../../main/engines/logql/labels-builder';
import { logfmtParser } from '../../main/engines/logql/logfmt';
import type { Stage } from '../../main/engines/logql/stage';

const N = 200_000;
let seed = 7;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const LEVELS = ['debug', 'info', 'info', 'warn', 'error'];

const logfmt12: string[] = [];
const mixed: string[] = [];
const json6: string[] = [];
const jsonNested: string[] = [];
for (let i = 0; i < N; i++) {
  logfmt12.push(
    `ts=2023-11-14T22:13:${String(i % 60).padStart(2, '0')}Z caller=worker.go:${rnd(900)} component=ingester level=${LEVELS[rnd(5)]} ` +
      `msg="flushed chunk ${i}" user=u${rnd(50)} stream=${rnd(1000)} bytes=${rnd(1 << 20)} duration=${rnd(900)}ms retries=${rnd(4)} path=/var/lib/loki/chunks/${rnd(1e6)}`,
  );
  // The query bench's text corpus: a third logfmt, the rest ISO-prefixed text.
  mixed.push(
    i % 3 === 0
      ? `level=${LEVELS[rnd(5)]} ts=2024-06-01T10:00:00.${String(i % 1000).padStart(3, '0')}Z caller=http.go:${i % 900} path=/api/v1/query status=200 duration=${rnd(900)}.5ms`
      : `2024-06-01T10:00:00.${String(i % 1000).padStart(3, '0')}Z INFO [worker-${i % 16}] handled request id=${(i * 2654435761) >>> 0} in ${rnd(900)}.5ms ok`,
  );
  const status = [200, 200, 200, 201, 204, 301, 404, 500, 502, 503][rnd(10)]!;
  json6.push(JSON.stringify({ ts: `2024-06-01T10:00:00.${String(i % 1000).padStart(3, '0')}Z`, level: status >= 500 ? 'error' : 'info', status, path: `/api/v1/item/${i % 1000}`, duration_ms: (i % 997) / 10, msg: 'handled request' }));
  jsonNested.push(JSON.stringify({ ts: '2024-06-01T10:00:00Z', req: { method: 'GET', path: `/x/${i}`, headers: { ua: 'curl/8.0', 'x-id': `é${i}` } }, tags: ['a', 'b'], ok: true, err: null, msg: 'line\twith "escapes"' }));
}

function bench(label: string, query: string, lines: string[]): void {
  const r = parseLogql(query, { checkRegex: re2CheckRegex });
  if (!r.ok || r.expr.kind !== 'logQuery') throw new Error(`bad query ${query}`);
  const built = buildPipeline(r.expr.stages, nodeLogqlPorts);
  if (!built.ok) throw new Error(built.error.message);
  const sp = built.pipeline.forStream({ job: 'bench' });
  time(label, lines, () => {
    let n = 0;
    for (const line of lines) if (sp.process(0n, line)) n++;
    return n;
  });
}

/** The parser stage alone: keys and values extracted into a reused labels builder, no result label set built. */
function parserOnly(label: string, stage: Stage, lines: string[]): void {
  const lbs = new LabelsBuilder({ job: 'bench' });
  time(label, lines, () => {
    let n = 0;
    for (const line of lines) {
      lbs.reset();
      if (stage.process(0n, line, lbs)) n++;
    }
    return n;
  });
}

function time(label: string, lines: string[], run: () => number): void {
  run();
  const runs: number[] = [];
  let check = 0;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    check = run();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[2]!;
  console.log(`${label.padEnd(50)} ${Math.round(lines.length / (ms / 1000)).toLocaleString('en-US').padStart(12)} lines/s  (median of 5, ${ms.toFixed(0)} ms, kept ${check})`);
}

parserOnly('parser alone: logfmt, 12 keys', logfmtParser(false, false), logfmt12);
parserOnly('parser alone: json, 6 keys', jsonParser(), json6);
parserOnly('parser alone: json, nested/escapes/unicode', jsonParser(), jsonNested);
bench('logfmt, 12 keys, all extracted', '{job="bench"} | logfmt', logfmt12);
bench('logfmt | level="error", bench text corpus', '{job="bench"} | logfmt | level="error"', mixed);
bench('json, 6 keys, all extracted', '{job="bench"} | json', json6);
bench('json | status >= 500', '{job="bench"} | json | status >= 500', json6);
bench('json, nested objects, arrays, escapes, unicode', '{job="bench"} | json', jsonNested);

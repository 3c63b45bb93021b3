/**
 * Metric queries with the per-line half in the query workers (metric-job.ts, partial.ts) answer
 * exactly as the same query fed line by line on this thread: every range op, grouping, a
 * binary operation over two range aggregations, on a generated file with duplicates, lines
 * without a timestamp, non-ASCII text, values that do not parse, split in parts and chunks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexedFile, type IndexedFile } from '../../adapters/fs/index';
import { QueryPool } from '../../adapters/workers/query-pool';
import { runLocalMetricQuery, type MetricStream } from './local-metric-query';

const T0 = Date.UTC(2024, 0, 1);
const LEVELS = ['info', 'info', 'warn', 'error', 'débug'];
let file: IndexedFile;
const pool = new QueryPool(2);
const signal = () => new AbortController().signal;

beforeAll(async () => {
  const lines: string[] = [];
  let t = T0;
  for (let i = 0; i < 20_000; i++) {
    t += (i * 7919) % 90; // several lines share a ms now and then
    const line = `ts=${new Date(t).toISOString()} level=${LEVELS[i % 5]} status=${200 + (i % 4) * 100} dur=${((i * 37) % 1000) / 7}ms n=${i % 13 === 0 ? 'x' : (i * 31) % 977} msg="req ${i} é"`;
    lines.push(line);
    if (i % 97 === 0) lines.push(line); // an exact duplicate: dropped by both paths
    if (i % 501 === 0) lines.push('\tat com.example.Stack(Trace.java:1)'); // inherits the time above
  }
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-metric-workers-')), 'app.log');
  writeFileSync(path, lines.join('\n') + '\n');
  file = openIndexedFile(path, { follow: false, workers: 1 });
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      const st = file.status().state;
      if (st === 'ready') resolve();
      if (st === 'error') reject(new Error('index failed'));
    };
    file.onChange(check);
    check();
  });
});
afterAll(async () => {
  await pool.close();
  await file.close();
});

const sel = '{job="app"} | logfmt';
const QUERIES = [
  `sum by (level) (count_over_time(${sel} [1m]))`,
  `count_over_time({job="app"} |= "error" [30s])`,
  `sum by (level) (rate(${sel} [2m]))`,
  `sum(bytes_over_time({job="app"} [1m]))`,
  `bytes_rate({job="app"} [1m])`,
  `absent_over_time({job="app"} |= "nope" [1m])`,
  `sum by (level) (sum_over_time(${sel} | unwrap n [1m]))`,
  `avg_over_time(${sel} | unwrap n | __error__="" [1m]) by (level)`,
  `max_over_time(${sel} | unwrap duration(dur) [1m]) by (status)`,
  `min_over_time(${sel} | unwrap duration(dur) [1m]) by (status)`,
  `stddev_over_time(${sel} | unwrap n | __error__="" [2m]) by (level)`,
  `stdvar_over_time(${sel} | unwrap n | __error__="" [2m]) by (level)`,
  `quantile_over_time(0.9, ${sel} | unwrap n | __error__="" [1m]) by (level)`,
  `first_over_time(${sel} | unwrap status [1m]) by (level)`,
  `last_over_time(${sel} | unwrap status [1m]) by (level)`,
  `sum by (level) (rate_counter(${sel} | unwrap n | __error__="" [1m]))`,
  `sum(rate(${sel} | unwrap n | __error__="" [1m]))`,
  `sum by (level) (count_over_time(${sel} | level="error" [1m])) / sum by (level) (count_over_time(${sel} [1m] offset 30s))`,
  `sum without (status) (count_over_time(${sel} | drop msg, ts, dur, n [1m]))`,
];

describe('metric queries in the query workers', () => {
  it.each(QUERIES)('%s: the same answer as on this thread', async (query) => {
    const streams: MetricStream[] = [{ labels: { job: 'app', host: 'h' }, file }];
    const span = file.timeSpan()!;
    const input = { kind: 'range' as const, query, start: span.first - 30_000, end: span.last + 60_000, step: 45 };
    // Small chunks and a forced split: many batches, two parts, part boundaries mid-stream.
    const options = { pool, inProcessBelow: 0, splitAbove: 1024, chunkBytes: 64 * 1024 };
    const answer = (inp: Parameters<typeof runLocalMetricQuery>[0], o: typeof options | null) =>
      runLocalMetricQuery(inp, streams, signal(), o).then(
        (r) => ({ data: r.data, lines: r.linesScanned }),
        (e: Error) => ({ error: e.message }),
      );
    const here = await answer(input, null);
    expect(await answer(input, options)).toEqual(here);
    const instant = { kind: 'instant' as const, query, time: span.first + (span.last - span.first) / 2 };
    expect(await answer(instant, options)).toEqual(await answer(instant, null));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogQueryEvent } from '../../../shared/contract/logql';
import { openIndexedFile, type IndexedFile } from '../../adapters/fs';
import { QueryPool } from '../../adapters/workers/query-pool';
import { runLocalLogQuery, type LocalStream } from './local-log-query';
import type { SourceOptions } from './stream-source';

const root = mkdtempSync(join(tmpdir(), 'vigie-fastpath-'));
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** Tricky content: CRLF, empty lines, continuations, long lines, multibyte text, duplicates, hits at both ends. */
function tricky(): string {
  const out: string[] = ['needle at the very start'];
  for (let i = 0; i < 400; i++) {
    const t = iso(i * 250);
    const k = i % 23;
    if (k === 0) out.push(`${t} level=error msg="needle ${i} found" status=${500 + (i % 7)}`);
    else if (k === 1) out.push(`{"ts":"${t}","level":"error","status":${480 + (i % 60)},"msg":"é漢 needle"}`);
    else if (k === 2) out.push(`${t} INFO crlf line ${i} needle\r`);
    else if (k === 9) out.push(`${t} INFO this one ends with the needle`);
    else if (k === 3) out.push('');
    else if (k === 4) out.push(`\tat continuation.needle(Line.java:${i})`, '\tat another.frame(X.java:1)', 'java.lang.IllegalStateException: needle without digits');
    else if (k === 10) out.push(`{"ts":"${iso(i * 250 + 7)}","time":"${t}","status":${490 + (i % 20)},"msg":"needle timed"}`);
    else if (k === 5) out.push(`${t} WARN long ${'x'.repeat(300)} nee`.concat('dle ', 'y'.repeat(150), ` é漢字 ${i}`));
    else if (k === 6) out.push(`${t} dup line`, `${t} dup line`, `${t} dup line`);
    else if (k === 7) out.push(`${t} NEEDLE upper İstanbul ${i}`);
    else if (k === 8) out.push(`${t} level=info status=200 id=${i}123x`);
    else out.push(`${t} INFO [worker-${i % 4}] handled id=${i * 7919} in ${i % 97}ms`);
  }
  return out.join('\n') + '\nlast line has the needle and no newline';
}

const QUERIES = [
  '{job="t"}',
  '{job="t"} |= "needle"',
  '{job="t"} |= "é漢"',
  '{job="t"} |= "dup line"',
  '{job="t"} |~ "(?i)needle"',
  '{job="t"} |~ "ne+dle \\\\d+"',
  '{job="t"} |~ "\\\\d{3}x"',
  '{job="t"} |~ "needle$"',
  '{job="t"} |~ "^needle"',
  '{job="t"} != "needle"',
  '{job="t"} |= "zzz" or "needle"',
  '{job="t"} | logfmt | level="error"',
  '{job="t"} |= "{" | json | status >= 500',
  '{job="t"} |= "needle" | line_format "{{__line__}}!"',
];

let file: IndexedFile;
let stream: LocalStream;
const pool = new QueryPool(2, 60_000);

beforeAll(async () => {
  const path = join(root, 'tricky.log');
  writeFileSync(path, tricky());
  file = openIndexedFile(path, { follow: false, workers: 1 });
  await new Promise<void>((resolve) => {
    const check = () => file.status().state === 'ready' && resolve();
    file.onChange(check);
    check();
  });
  stream = { id: 't', labels: { job: 't', filename: path }, file, bytesTotal: 0 };
});
afterAll(async () => {
  await pool.close();
  await file.close();
});

/** The plain per-line path: the same service reading every line through the index. */
const perLine = (): LocalStream => ({ ...stream, file: new Proxy(file, { get: (t, k) => (k === 'scanInfo' ? undefined : (Reflect.get(t, k) as unknown)) }) as IndexedFile });

async function run(query: string, direction: 'forward' | 'backward', limit: number, s: LocalStream, options?: SourceOptions, signal = new AbortController().signal) {
  const events: LogQueryEvent[] = [];
  for await (const e of runLocalLogQuery({ query, direction, limit }, [s], signal, options)) events.push(e);
  const entries = events.flatMap((e) => (e.kind === 'streams' ? e.result.flatMap((r) => r.values.map((v) => JSON.stringify([v[0], v[1], r.stream, v[2] ?? null]))) : []));
  return { events, entries };
}
const opts = (chunkBytes: number, inProcess: boolean, splitAbove = 1 << 30): SourceOptions => ({ pool, inProcessBelow: inProcess ? Infinity : 0, splitAbove, chunkBytes });

describe('the byte fast path', () => {
  const cases = QUERIES.flatMap((q) => (['forward', 'backward'] as const).flatMap((d) => [1000, 3].map((limit) => [q, d, limit] as const)));
  it.each(cases)('answers %s (%s, limit %i) exactly as the per-line path, whatever the chunk size', async (q, direction, limit) => {
    const want = (await run(q, direction, limit, perLine())).entries;
    expect(want.length).toBeGreaterThan(0);
    for (const chunk of [64, 700, 1 << 20]) {
      expect((await run(q, direction, limit, stream, opts(chunk, true))).entries).toEqual(want);
    }
  });

  it.each(QUERIES.map((q) => [q]))('gives the same answer for %s in two workers as in-process', async (q) => {
    for (const direction of ['forward', 'backward'] as const) {
      const inProcess = await run(q, direction, 1000, stream, opts(512, true));
      const workers = await run(q, direction, 1000, stream, opts(512, false, 4096));
      expect(workers.entries).toEqual(inProcess.entries);
      expect(workers.events.at(-1)).toMatchObject({ kind: 'done', linesScanned: (inProcess.events.at(-1) as { linesScanned: number }).linesScanned });
    }
  });
});

describe('query workers', () => {
  it('stop when the query is cancelled, and their threads exit', async () => {
    const path = join(root, 'big.log');
    const line = (i: number) => `${iso(i)} INFO [worker-${i % 8}] handled request id=${i} in ${i % 97}ms ok\n`;
    writeFileSync(path, Array.from({ length: 400_000 }, (_, i) => line(i)).join(''));
    const big = openIndexedFile(path, { follow: false, workers: 1 });
    await new Promise<void>((resolve) => big.onChange(() => big.status().state === 'ready' && resolve()));
    const own = new QueryPool(2, 60_000);
    const controller = new AbortController();
    const events: LogQueryEvent[] = [];
    const q = runLocalLogQuery({ query: '{job="b"} |~ "(?i)id=\\\\d+1 in 5ms"', direction: 'forward', limit: 5000 }, [{ id: 'b', labels: { job: 'b' }, file: big, bytesTotal: 0 }], controller.signal, {
      pool: own,
      inProcessBelow: 0,
      splitAbove: 1 << 20,
      chunkBytes: 64 * 1024,
    });
    const result = (async () => {
      for await (const e of q) {
        events.push(e);
        if (e.kind === 'progress' && own.live > 0) controller.abort();
      }
    })();
    await expect(result).rejects.toThrow();
    await expect.poll(() => own.stats.exited, { timeout: 5000 }).toBe(own.stats.started);
    expect(own.stats.started).toBeGreaterThan(0);
    expect(own.live).toBe(0);
    expect(events.some((e) => e.kind === 'done')).toBe(false);
    await big.close();
  });

  it('report progress that only grows, up to the total', async () => {
    const { events } = await run('{job="t"} |~ "\\\\d{3}x"', 'forward', 5000, stream, opts(256, false, 2048));
    const done = events.filter((e) => e.kind === 'progress').map((e) => (e.kind === 'progress' ? [e.bytesDone, e.bytesTotal] : []));
    expect(done.length).toBeGreaterThan(1);
    for (let i = 1; i < done.length; i++) expect(done[i]![0]!).toBeGreaterThanOrEqual(done[i - 1]![0]!);
    expect(done.at(-1)![0]).toBe(done.at(-1)![1]);
  });
});

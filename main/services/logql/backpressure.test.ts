/**
 * Backpressure between the query workers and this thread: with a tiny in-flight limit, log
 * queries over several streams (each split in parts, many small batches) still complete — a
 * merge waits on every stream's first batch while workers are held — and answer exactly as
 * the same query run in-process; a limit reached early leaves no worker stuck.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexedFile, type IndexedFile } from '../../adapters/fs/index';
import { QueryPool } from '../../adapters/workers/query-pool';
import { runLocalLogQuery, type LocalStream } from './local-log-query';

const files: IndexedFile[] = [];
const pool = new QueryPool(2, 30_000, 2);
/** Held by size instead: any batch reaches 1 KiB in flight. */
const sizePool = new QueryPool(2, 30_000, 4096, 1);
const T0 = Date.UTC(2024, 0, 1);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-backpressure-'));
  for (const name of ['a', 'b', 'c']) {
    const lines = Array.from({ length: 6000 }, (_, i) => `${new Date(T0 + i * 1000 + name.charCodeAt(0)).toISOString()} level=${i % 3 ? 'info' : 'error'} n=${i} src=${name} é`);
    const path = join(dir, `${name}.log`);
    writeFileSync(path, lines.join('\n') + '\n');
    const f = openIndexedFile(path, { follow: false, workers: 1 });
    await new Promise<void>((resolve) => {
      const check = (): void => void (f.status().state === 'ready' && resolve());
      f.onChange(check);
      check();
    });
    files.push(f);
  }
});
afterAll(async () => {
  await pool.close();
  await sizePool.close();
  for (const f of files) await f.close();
});

const streams = (): LocalStream[] => files.map((file, k) => ({ id: String(k), labels: { job: 'bp', filename: file.path }, file, bytesTotal: 6000 * 60 }));

async function run(query: string, limit: number, direction: 'forward' | 'backward', inProcess: boolean, by: QueryPool = pool): Promise<string[]> {
  const options = { pool: by, inProcessBelow: inProcess ? Infinity : 0, splitAbove: 1024, chunkBytes: 4096 };
  const out: string[] = [];
  for await (const e of runLocalLogQuery({ query, limit, direction }, streams(), new AbortController().signal, options)) {
    if (e.kind === 'streams') for (const s of e.result) for (const v of s.values) out.push(`${v[0]} ${JSON.stringify(s.stream)} ${v[1]} ${JSON.stringify(v[2] ?? null)}`);
  }
  return out.sort();
}

describe('backpressure between query workers and the coordinator', () => {
  it.each([
    ['{job="bp"}', 1e9, 'forward'],
    ['{job="bp"} | logfmt | level="error"', 1e9, 'backward'],
    ['{job="bp"} |= "src" | logfmt', 5000, 'forward'],
  ] as const)('%s (limit %d, %s) completes and answers as in-process', async (query, limit, direction) => {
    const there = await run(query, limit, direction, false);
    expect(there.length).toBe(Math.min(limit, query.includes('error') ? 6000 : 18000));
    expect(there).toEqual(await run(query, limit, direction, true));
  });

  it.each([
    ['{job="bp"}', 1e9, 'forward'],
    ['{job="bp"} | logfmt | level="error"', 1e9, 'backward'],
  ] as const)('%s (limit %d, %s) completes under a size limit and answers as in-process', async (query, limit, direction) => {
    const there = await run(query, limit, direction, false, sizePool);
    expect(there.length).toBe(query.includes('error') ? 6000 : 18000);
    expect(there).toEqual(await run(query, limit, direction, true));
  });
});

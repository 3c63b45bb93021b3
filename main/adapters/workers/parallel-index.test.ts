import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexedFile } from '../fs/index';
import { settled, tempDir } from '../fs/test-files';
import { indexRangeInWorkers } from './parallel-index';

const { dir, cleanup } = tempDir('vigie-workers-');
afterAll(cleanup);
let big: string;
let size = 0;

beforeAll(() => {
  // ~24 MB: ISO and logfmt lines, stack-trace continuations, an out-of-order line, no final newline.
  const parts: string[] = [];
  const t0 = Date.UTC(2024, 4, 1);
  for (let i = 0; i < 300_000; i++) {
    const ts = new Date(t0 + i * 37 + (i % 5000 === 17 ? -60_000 : 0)).toISOString();
    if (i % 3 === 0) parts.push(`level=info ts=${ts} caller=x.go:${i} msg="request served" status=200\n`);
    else parts.push(`${ts} WARN [worker-${i % 8}] something happened id=${i}\n`);
    if (i % 1000 === 5) parts.push('  at com.example.Foo(Foo.java:12)\n');
  }
  parts.push('2024-05-01T09:00:00Z the end');
  const text = parts.join('');
  size = Buffer.byteLength(text);
  big = join(dir, 'big.log');
  writeFileSync(big, text);
});

async function collect(workers: number) {
  const starts: number[] = [];
  const ts: number[] = [];
  const progress: number[] = [];
  const r = await indexRangeInWorkers({
    path: big,
    from: 0,
    to: size,
    includePartial: true,
    sample: ['2024-05-01T00:00:00.000Z x'],
    year: 2024,
    yearless: false,
    workers,
    onBatch: (s, t, n) => {
      for (let i = 0; i < n; i++) starts.push(s[i]!), ts.push(t[i]!);
    },
    onProgress: (b) => progress.push(b),
    batchLines: 10_000,
    chunkBytes: 1 << 20,
  });
  return { starts, ts, progress, r };
}

describe('indexing in workers', () => {
  it('gives the same index with two workers as with one', async () => {
    const one = await collect(1);
    const two = await collect(2);
    expect(two.starts.length).toBe(one.starts.length);
    expect(two.starts).toEqual(one.starts);
    expect(two.ts).toEqual(one.ts);
    expect(one.r.end).toBe(size);
    expect(two.r.end).toBe(size);
  });

  it('reports progress monotonically up to the range size', async () => {
    const { progress } = await collect(2);
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    expect(progress[progress.length - 1]).toBe(size);
  });

  it('gives the same line count and timestamps through openIndexedFile with 1 and 2 workers', async () => {
    const files = [1, 2].map((workers) => openIndexedFile(big, { follow: false, workers }));
    for (const f of files) expect(await settled(f)).toMatchObject({ state: 'ready' });
    const [a, b] = files as [ReturnType<typeof openIndexedFile>, ReturnType<typeof openIndexedFile>];
    expect(a.lineCount()).toBe(300_000 + 300 + 1);
    expect(b.lineCount()).toBe(a.lineCount());
    for (let i = 0; i < a.lineCount(); i += 997) expect(b.timestampOf(i)).toBe(a.timestampOf(i));
    expect(b.timeSpan()).toEqual(a.timeSpan());
    expect((await b.read(a.lineCount() - 1, a.lineCount()))[0]!.text).toBe('2024-05-01T09:00:00Z the end');
  });

  it('stops when cancelled mid-way and says so', async () => {
    const ac = new AbortController();
    const f = openIndexedFile(big, { follow: false, workers: 2, signal: ac.signal });
    const seen: number[] = [];
    f.onChange(() => {
      const s = f.status();
      if (s.state === 'indexing') {
        seen.push(s.bytesDone);
        if (s.bytesDone > 256 * 1024) ac.abort();
      }
    });
    const s = await settled(f);
    expect(s).toMatchObject({ state: 'error', error: { code: 'cancelled' } });
    expect(seen.length).toBeGreaterThan(0);
    expect(f.lineCount()).toBeLessThan(300_301);
  });

  it('publishes the first screen of lines before the rest is indexed', async () => {
    const f = openIndexedFile(big, { follow: false, workers: 2 });
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const off = f.onChange(() => {
        if (f.lineCount() >= 100) off(), resolve();
      });
    });
    expect(performance.now() - t0).toBeLessThan(300);
    expect((await f.read(0, 3)).length).toBe(3);
    await settled(f);
  });
});

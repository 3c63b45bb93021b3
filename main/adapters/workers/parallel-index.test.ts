import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
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

async function collect(workers: number, scanner?: 'wasm' | 'indexOf') {
  const starts: number[] = [];
  const samples: number[] = [];
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
    onBatch: (b) => {
      for (let h = 0; h < b.hi.length; h += 2) {
        const end = h + 2 < b.hi.length ? b.hi[h + 2]! : b.n;
        for (let i = b.hi[h]!; i < end; i++) starts.push(b.hi[h + 1]! * 2 ** 32 + b.lo[i]!);
      }
      samples.push(...b.samples);
    },
    onProgress: (b) => progress.push(b),
    batchLines: 10_000,
    chunkBytes: 1 << 20,
    ...(scanner ? { scanner } : {}),
  });
  return { starts, samples, progress, r };
}

describe('indexing in workers', () => {
  it('gives the same line starts with two workers as with one, and as a plain split of the text', async () => {
    const one = await collect(1);
    const two = await collect(2);
    expect(two.starts.length).toBe(one.starts.length);
    expect(two.starts).toEqual(one.starts);
    expect(one.r.end).toBe(size);
    expect(two.r.end).toBe(size);
    const want = [0];
    const text = readFileSync(big);
    for (let p = text.indexOf(10); p >= 0 && p + 1 < size; p = text.indexOf(10, p + 1)) want.push(p + 1);
    expect(one.starts).toEqual(want);
    // Samples: ascending lines, at most one per 256 lines of a part, each a timestamped line.
    for (let i = 3; i < two.samples.length; i += 3) expect(two.samples[i]!).toBeGreaterThan(two.samples[i - 3]!);
    expect(two.samples.length / 3).toBeGreaterThanOrEqual(Math.floor(want.length / 256));
  });

  it('finds the same line starts with the WebAssembly SIMD scan and with Buffer.indexOf', async () => {
    const [wasm, indexOf] = [await collect(2, 'wasm'), await collect(2, 'indexOf')];
    expect(wasm.starts).toEqual(indexOf.starts);
    expect(wasm.samples).toEqual(indexOf.samples);
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
    const [ta, tb] = [await a.timestampsOf(0, a.lineCount()), await b.timestampsOf(0, b.lineCount())];
    expect(tb.length).toBe(a.lineCount());
    expect(tb).toEqual(ta);
    expect(ta[17]).toBe(Date.UTC(2024, 4, 1) + 16 * 37); // line 6 is a stack trace inheriting line 5
    expect(ta[6]).toBe(ta[5]);
    expect(ta[ta.length - 1]).toBe(Date.UTC(2024, 4, 1, 9));
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

  it('keeps line starts exact across the 4 GiB boundary (a sparse file, only the range around it read)', async () => {
    const at = 2 ** 32 - 1000;
    const lines = Array.from({ length: 100 }, (_, i) => `2024-05-01T00:00:${String(i % 60).padStart(2, '0')}Z line ${i}`);
    const text = Buffer.from(lines.join('\n') + '\n');
    const p = join(dir, 'sparse.log');
    const fd = openSync(p, 'w');
    writeSync(fd, text, 0, text.length, at);
    closeSync(fd);
    const want = lines.reduce<number[]>((acc, l, i) => (acc.push(i === 0 ? at : acc[i - 1]! + Buffer.byteLength(lines[i - 1]!) + 1), acc), []);
    for (const scanner of ['wasm', 'indexOf'] as const) {
      const starts: number[] = [];
      await indexRangeInWorkers({
        path: p, from: at, to: at + text.length, includePartial: true, sample: lines.slice(0, 5), year: 2024, yearless: false, workers: 1,
        chunkBytes: 512, batchLines: 16, scanner,
        onBatch: (b) => {
          for (let h = 0; h < b.hi.length; h += 2) {
            const end = h + 2 < b.hi.length ? b.hi[h + 2]! : b.n;
            for (let i = b.hi[h]!; i < end; i++) starts.push(b.hi[h + 1]! * 2 ** 32 + b.lo[i]!);
          }
        },
      });
      expect(starts).toEqual(want);
    }
  });
});

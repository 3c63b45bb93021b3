/** Helpers for the adapter tests: temp folders and waiting on an IndexedFile. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStatus, IndexedFile } from './file-types';

export function tempDir(prefix = 'vigie-fs-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resolves once the file is ready or failed (not while indexing). */
export function settled(file: IndexedFile, timeoutMs = 20_000): Promise<FileStatus> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const s = file.status();
      if (s.state === 'indexing') return false;
      off();
      clearTimeout(timer);
      resolve(s);
      return true;
    };
    const off = file.onChange(() => void done());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`not settled: ${JSON.stringify(file.status())}`));
    }, timeoutMs);
    done();
  });
}

/** Polls `cond` until true (real-time tests of following). */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

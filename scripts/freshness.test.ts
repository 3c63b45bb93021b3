import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations.
import { isStale, newestMtime } from './freshness.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vigie-fresh-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `file` (relative to dir) with an mtime of `t` seconds. */
function touch(file: string, t: number): string {
  const p = path.join(dir, file);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '');
  utimesSync(p, t, t);
  return p;
}

describe('isStale', () => {
  // [sentence, files with mtimes, outputs, sources, stale]
  const cases: [string, Record<string, number>, string[], string[], boolean][] = [
    ['a missing output is stale', { 'src/a.ts': 10 }, ['out/a.js'], ['src'], true],
    ['an output newer than every source is fresh', { 'src/a.ts': 10, 'out/a.js': 20 }, ['out/a.js'], ['src'], false],
    ['a source edited after the build makes it stale', { 'src/deep/a.ts': 30, 'out/a.js': 20 }, ['out/a.js'], ['src'], true],
    ['the oldest of several outputs counts', { 'src/a.ts': 15, 'out/a.js': 20, 'out/b.js': 10 }, ['out/a.js', 'out/b.js'], ['src'], true],
    ['an edited test does not make it stale', { 'src/a.ts': 10, 'src/a.test.ts': 30, 'out/a.js': 20 }, ['out/a.js'], ['src'], false],
    ['node_modules inside a source folder is ignored', { 'src/a.ts': 10, 'src/node_modules/x.js': 30, 'out/a.js': 20 }, ['out/a.js'], ['src'], false],
    ['a single source file may be listed', { 'vite.config.ts': 30, 'out/a.js': 20 }, ['out/a.js'], ['vite.config.ts'], true],
    ['a source path that does not exist is ignored', { 'out/a.js': 20 }, ['out/a.js'], ['nowhere'], false],
  ];
  it.each(cases)('%s', (_name, files, outputs, sources, stale) => {
    for (const [f, t] of Object.entries(files)) touch(f, t);
    const abs = (l: string[]): string[] => l.map((p) => path.join(dir, p));
    expect(isStale(abs(outputs), abs(sources))).toBe(stale);
  });

  it('newestMtime is 0 for nothing', () => {
    expect(newestMtime([path.join(dir, 'none')])).toBe(0);
  });
});

import { appendFileSync, copyFileSync, renameSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FollowEvent } from '../../engines/sources/index';
import { FileFollower, fileId } from './file-follower';
import { openIndexedFile } from './index';
import { settled, tempDir, until } from './test-files';

const { dir, cleanup } = tempDir('vigie-follow-');
afterAll(cleanup);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('following real files', () => {
  it('shows a partial last line provisionally, then replaces it once its newline arrives', async () => {
    const p = join(dir, 'partial.log');
    writeFileSync(p, '2024-01-01T00:00:00Z one\n2024-01-01T00:00:01Z tw');
    const f = openIndexedFile(p, { follow: true, pollMs: 20 });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    await until(() => f.lineCount() === 2, 5000, 'the partial line shown');
    expect((await f.read(0, 2)).map((l) => l.text)).toEqual(['2024-01-01T00:00:00Z one', '2024-01-01T00:00:01Z tw']);
    expect([...(await f.timestampsOf(0, 2))]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 1)]);
    expect(await f.findRange(Date.UTC(2024, 0, 1, 0, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 1))).toEqual({ from: 1, to: 2 });
    appendFileSync(p, 'o\n2024-01-01T00:00:02Z three\n');
    await until(() => f.lineCount() === 3, 5000, '3 lines');
    expect((await f.read(0, 3)).map((l) => l.text)).toEqual([
      '2024-01-01T00:00:00Z one',
      '2024-01-01T00:00:01Z two',
      '2024-01-01T00:00:02Z three',
    ]);
    expect(f.timeSpan()!.last).toBe(Date.UTC(2024, 0, 1, 0, 0, 2));
    // Appended lines reach the lazily computed timestamps (the last block was recomputed).
    expect([...(await f.timestampsOf(0, 3))]).toEqual([0, 1, 2].map((s) => Date.UTC(2024, 0, 1, 0, 0, s)));
    expect(await f.findRange(Date.UTC(2024, 0, 1, 0, 0, 2), Infinity)).toEqual({ from: 2, to: 3 });
    await f.close();
  });

  it.each([
    { name: 'rename', rotate: (p: string, k: number) => renameSync(p, `${p}.${k}`), waitBefore: false },
    // copytruncate loses what was written between our last read and the copy (it is in the
    // copy, like logrotate's own race), so like a logrotate run it happens once we caught up.
    { name: 'copytruncate', rotate: (p: string, k: number) => (copyFileSync(p, `${p}.${k}`), truncateSync(p, 0)), waitBefore: true },
  ])('loses and duplicates nothing across rotation by $name while lines are appended', async ({ name, rotate, waitBefore }) => {
    const p = join(dir, `${name}.log`);
    writeFileSync(p, 'line 0\n');
    const got: string[] = [];
    const resets: string[] = [];
    const s = statSync(p);
    const follower = new FileFollower({
      path: p,
      encoding: 'utf-8',
      start: { id: fileId(s), offset: 0, firstBytes: new Uint8Array(0) },
      pollMs: 15,
      onEvents: (events: FollowEvent[]) => {
        for (const e of events) {
          if (e.kind === 'line') got.push(Buffer.from(e.bytes).toString().replace(/\n$/, ''));
          else resets.push(e.reason);
        }
      },
      onError: (e) => {
        throw e;
      },
    });
    await follower.start();
    const total = 600;
    for (let i = 1; i < total; i++) {
      appendFileSync(p, `line ${i}\n`);
      if (i % 150 === 0) {
        if (waitBefore) await until(() => got.length === i + 1, 5000, `caught up to ${i}`);
        rotate(p, i);
      }
      if (i % 7 === 0) await pause(1);
    }
    await until(() => got.length >= total, 10_000, `${total} lines`);
    await pause(100);
    await follower.close();
    expect(got.length).toBe(total);
    expect(got).toEqual(Array.from({ length: total }, (_, i) => `line ${i}`));
    expect(resets).toEqual(Array(3).fill(name === 'rename' ? 'rotated' : 'truncated'));
  });

  it('starts the index again after a copytruncate and after a rename rotation', async () => {
    const p = join(dir, 'reset.log');
    writeFileSync(p, 'a\nb\nc\n');
    const f = openIndexedFile(p, { follow: true, pollMs: 20 });
    await settled(f);
    const kinds: string[] = [];
    f.onChange((c) => kinds.push(c.kind));
    truncateSync(p, 0);
    appendFileSync(p, 'd\n');
    await until(async () => (await f.read(0, 10)).map((l) => l.text).join() === 'd', 5000, 'truncate reset');
    renameSync(p, `${p}.1`);
    writeFileSync(p, 'e\nf\n');
    await until(async () => (await f.read(0, 10)).map((l) => l.text).join() === 'e,f', 5000, 'rename reset');
    expect(kinds.filter((k) => k === 'reset')).toHaveLength(2);
    await f.close();
  });
});

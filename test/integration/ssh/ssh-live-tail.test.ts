/**
 * Live rules over an SSH host's file: the live run reads the registry's remote IndexedFile
 * (IndexedTail) — appended lines arrive once each and in order, a rename rotation is told and
 * the new file's lines follow, nothing before the start is replayed.
 */
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, until } from '../../../main/adapters/fs/test-files';
import { openRemoteIndexedFile, type SshConnection } from '../../../main/adapters/ssh/index';
import { IndexedTail } from '../../../main/services/live/indexed-tail';
import { startRealSshd, type RealSshd } from './real-sshd';
import { connectionTo } from './ssh-test-kit';

let sshd: RealSshd;
let conn: SshConnection;
beforeAll(async () => {
  sshd = await startRealSshd();
  conn = connectionTo(sshd);
  await conn.connect();
});
afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
});

describe('live rules following a file on an SSH host', () => {
  it('gets each appended line once, in order, across a rename rotation, and none written before it started', async () => {
    const p = join(sshd.dir, 'live.log');
    writeFileSync(p, 'before 1\nbefore 2\n');
    const file = openRemoteIndexedFile(conn, p, { follow: true, pollMs: 30 });
    expect(await settled(file)).toMatchObject({ state: 'ready' });
    const got: string[] = [];
    let rotations = 0;
    const errors: string[] = [];
    const tail = new IndexedTail({ file, onLines: (l) => got.push(...l), onRotate: () => rotations++, onError: (m) => errors.push(m) });
    await tail.start();
    for (let i = 0; i < 50; i++) appendFileSync(p, `line ${i}\n`);
    await until(() => got.length === 50, 20_000, 'fifty lines');
    renameSync(p, `${p}.1`);
    writeFileSync(p, '');
    for (let i = 50; i < 80; i++) appendFileSync(p, `line ${i}\n`);
    await until(() => got.length === 80, 20_000, 'eighty lines');
    expect(got).toEqual(Array.from({ length: 80 }, (_, i) => `line ${i}`));
    expect(rotations).toBe(1);
    expect(errors).toEqual([]);
    await tail.close();
    await file.close();
  });
});

/**
 * Following files on a real sshd (`tail -F` over SFTP and exec): appends, rotation by rename
 * and by copytruncate while lines are written (checked against what was written: none lost,
 * none twice), and sshd killed mid-follow and mid-read, then restarted: the connection comes
 * back and reading resumes at the saved offset.
 */
import { appendFileSync, copyFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowEvent } from '../../../main/engines/sources/index';
import { openIndexedFile } from '../../../main/adapters/fs/index';
import { settled, until } from '../../../main/adapters/fs/test-files';
import { SftpFollower, openRemoteIndexedFile, type SshConnection, type SshConnectionState } from '../../../main/adapters/ssh/index';
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
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A follower from the start of `path`, collecting lines (newline stripped) and resets. */
async function follow(path: string): Promise<{ got: string[]; resets: string[]; errors: unknown[]; follower: SftpFollower }> {
  const got: string[] = [];
  const resets: string[] = [];
  const errors: unknown[] = [];
  const follower = new SftpFollower(conn, {
    path,
    encoding: 'utf-8',
    start: { id: `sftp:${path}`, offset: 0, firstBytes: new Uint8Array(0) },
    pollMs: 30,
    onEvents: (events: FollowEvent[]) => {
      for (const e of events) {
        if (e.kind === 'line') got.push(Buffer.from(e.bytes).toString().replace(/\n$/, ''));
        else resets.push(e.reason);
      }
    },
    onError: (e) => errors.push(e),
  });
  await follower.start();
  return { got, resets, errors, follower };
}

const expected = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`);

describe('following a file on an SSH host', () => {
  it('indexes appended lines, showing a partial last line until its newline comes', async () => {
    const p = join(sshd.dir, 'append.log');
    writeFileSync(p, '2024-01-01T00:00:00Z one\n2024-01-01T00:00:01Z tw');
    const f = openRemoteIndexedFile(conn, p, { follow: true, pollMs: 30 });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    await until(() => f.lineCount() === 2, 10_000, 'the partial line shown');
    appendFileSync(p, 'o\n2024-01-01T00:00:02Z three\n');
    await until(() => f.lineCount() === 3, 10_000, '3 lines');
    expect((await f.read(0, 3)).map((l) => l.text)).toEqual(['2024-01-01T00:00:00Z one', '2024-01-01T00:00:01Z two', '2024-01-01T00:00:02Z three']);
    expect(f.timeSpan()).toEqual({ first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 0, 1, 0, 0, 2) });
    await f.close();
  });

  // Polling sees a file only if it lives at the path across a poll (tail -F and Promtail
  // alike): a rename waits until the reader is inside the current file, though behind.
  // As with local files, copytruncate loses what is written between the copy and the
  // truncate unless the reader caught up (logrotate's own race): it waits until caught up.
  it.each([
    { name: 'rename', rotate: (p: string, k: number) => renameSync(p, `${p}.${k}`), behind: 50 },
    { name: 'copytruncate', rotate: (p: string, k: number) => (copyFileSync(p, `${p}.${k}`), truncateSync(p, 0)), behind: 0 },
  ])('loses and duplicates nothing across rotation by $name while lines are appended', async ({ name, rotate, behind }) => {
    const p = join(sshd.dir, `${name}.log`);
    writeFileSync(p, 'line 0\n');
    const { got, resets, errors, follower } = await follow(p);
    const total = 400;
    for (let i = 1; i < total; i++) {
      appendFileSync(p, `line ${i}\n`);
      if (i % 100 === 0) {
        await until(() => got.length >= i + 1 - behind, 10_000, `read up to ${i - behind}`);
        rotate(p, i);
      }
      if (i % 5 === 0) await pause(2);
    }
    await until(() => got.length >= total, 20_000, `${total} lines (got ${got.length}, resets ${resets}, errors ${errors.map(String)})`);
    await pause(200);
    await follower.close();
    expect(errors).toEqual([]);
    expect(got).toEqual(expected(total));
    expect(resets).toEqual(Array(3).fill(name === 'rename' ? 'rotated' : 'truncated'));
  });

  it('follows an empty file renamed away into the new file written at its path', async () => {
    const p = join(sshd.dir, 'empty.log');
    writeFileSync(p, '');
    const { got, resets, errors, follower } = await follow(p);
    await pause(150); // a few polls of the empty file
    renameSync(p, `${p}.1`);
    writeFileSync(p, 'line 0\nline 1\n');
    await until(() => got.length === 2, 10_000, 'the new file read');
    await follower.close();
    expect(errors).toEqual([]);
    expect(got).toEqual(expected(2));
    // Without inodes over SFTP, an empty file replaced between two polls (a loaded machine) is
    // indistinguishable from the same file growing: either way each line is read once.
    expect([[], ['rotated']]).toContainEqual(resets);
  });

  it('tells a rotated file that starts with the same 64+ bytes (a fixed banner) by its size', async () => {
    const p = join(sshd.dir, 'banner.log');
    const banner = `${'#'.repeat(70)} service log\n`;
    writeFileSync(p, banner);
    const { got, resets, errors, follower } = await follow(p);
    let n = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 50; i++) appendFileSync(p, `line ${n++}\n`);
      await until(() => got.length === n + round + 1, 10_000, `round ${round} read`);
      renameSync(p, `${p}.${round}`);
      writeFileSync(p, banner); // logrotate's `create`, then the service writes its banner
      await until(() => resets.length === round + 1, 10_000, `rotation ${round} seen`);
    }
    appendFileSync(p, `line ${n++}\n`);
    await until(() => got.length === n + 4, 10_000, 'the last line');
    await follower.close();
    expect(errors).toEqual([]);
    expect(resets).toEqual(['rotated', 'rotated', 'rotated']);
    const want: string[] = [];
    for (let round = 0, k = 0; round < 4; round++) {
      want.push(banner.trimEnd());
      for (let i = 0; i < (round < 3 ? 50 : 1); i++) want.push(`line ${k++}`);
    }
    expect(got).toEqual(want);
  });

  it('reconnects after sshd is killed mid-follow and resumes at the saved offset, nothing lost or repeated', async () => {
    const p = join(sshd.dir, 'outage.log');
    writeFileSync(p, '');
    const states: SshConnectionState['kind'][] = [];
    const off = conn.onState((s) => states.push(s.kind));
    const gen = conn.generation;
    const { got, resets, errors, follower } = await follow(p);
    for (let i = 0; i < 100; i++) appendFileSync(p, `line ${i}\n`);
    await until(() => got.length === 100, 10_000, '100 lines before the outage');
    await sshd.kill();
    for (let i = 100; i < 250; i++) appendFileSync(p, `line ${i}\n`); // written while the host is unreachable
    await until(() => states.includes('reconnecting'), 10_000, 'the drop noticed');
    await pause(300); // a few refused attempts
    await sshd.restart();
    for (let i = 250; i < 300; i++) appendFileSync(p, `line ${i}\n`);
    await until(() => got.length >= 300, 20_000, `300 lines (got ${got.length})`);
    await pause(200);
    await follower.close();
    off();
    expect(errors).toEqual([]);
    expect(resets).toEqual([]);
    expect(got).toEqual(expected(300));
    expect(conn.generation).toBeGreaterThan(gen);
    expect(conn.state().kind).toBe('ready');
    expect(states.at(-1)).toBe('ready');
  });

  it('finishes indexing a file whose read was cut by sshd being killed, with the same lines as the local reader', async () => {
    const p = join(sshd.dir, 'cut.log');
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) lines.push(`2024-05-01T00:00:${String(i % 60).padStart(2, '0')}Z n=${i}`);
    writeFileSync(p, `${lines.join('\n')}\n`);
    const remote = openRemoteIndexedFile(conn, p, { follow: false });
    let killed = false;
    const cut = new Promise<void>((resolve) => {
      const offChange = remote.onChange(() => {
        const s = remote.status();
        if (killed || s.state !== 'indexing' || s.bytesDone === 0) return;
        killed = true;
        offChange();
        void sshd.kill().then(() => pause(300)).then(() => sshd.restart()).then(resolve);
      });
    });
    await cut;
    expect(killed).toBe(true);
    expect(await settled(remote, 30_000)).toMatchObject({ state: 'ready' });
    const local = openIndexedFile(p, { follow: false });
    await settled(local);
    expect(remote.lineCount()).toBe(60_000);
    expect((await remote.read(0, 60_000)).map((l) => l.text)).toEqual((await local.read(0, 60_000)).map((l) => l.text));
    await Promise.all([remote.close(), local.close()]);
  });
});

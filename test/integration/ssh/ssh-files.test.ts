/**
 * Files on a real sshd, read over SFTP: listing, and the same line index as the local reader
 * (line count, texts, timestamps, time span, format) for a loghub sample, a file big enough
 * for the local reader's worker threads, and a .gz; permission and not-found errors in words.
 */
import { chmodSync, copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexedFile } from '../../../main/adapters/fs/index';
import type { IndexedFile } from '../../../main/adapters/fs/index';
import { settled, until } from '../../../main/adapters/fs/test-files';
import { listRemoteFiles, openRemoteIndexedFile, type SshConnection } from '../../../main/adapters/ssh/index';
import { isLogLikeName } from '../../../main/services/sources/source-path';
import { startRealSshd, type RealSshd } from './real-sshd';
import { connectionTo } from './ssh-test-kit';

const LOGHUB = join(__dirname, '../../../../shared/corpora/loghub');

let sshd: RealSshd;
let conn: SshConnection;
let logs: string;
beforeAll(async () => {
  sshd = await startRealSshd({ extraUsers: ['nobody'] });
  conn = connectionTo(sshd);
  await conn.connect();
  logs = join(sshd.dir, 'logs');
  mkdirSync(join(logs, 'app/old'), { recursive: true });
  copyFileSync(join(LOGHUB, 'OpenSSH/OpenSSH_2k.log'), join(logs, 'sshd.log'));
  writeFileSync(join(logs, 'data.csv'), 'a,b\n');
  writeFileSync(join(logs, 'app/app.log'), 'x\n');
  writeFileSync(join(logs, 'app/old/app.log.1.gz'), gzipSync('2024-01-01T00:00:00Z old\n'));
});
afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
});

async function allLines(f: IndexedFile): Promise<{ texts: string[]; ts: number[] }> {
  const n = f.lineCount();
  return { texts: (await f.read(0, n)).map((l) => l.text), ts: [...(await f.timestampsOf(0, n))] };
}

describe('listing folders on an SSH host', () => {
  it.each([
    { name: 'lists log-like files of a folder and its sub-folders, sorted', recursive: true, accept: isLogLikeName, glob: undefined, want: ['app/app.log', 'app/old/app.log.1.gz', 'sshd.log'] },
    { name: 'lists only the folder itself when not recursive', recursive: false, accept: isLogLikeName, want: ['sshd.log'] },
    { name: 'lists every file without a name filter', recursive: false, accept: undefined, want: ['data.csv', 'sshd.log'] },
    { name: 'lists what a glob relative to the folder matches', recursive: true, glob: 'app/**/*.gz', want: ['app/old/app.log.1.gz'] },
    { name: 'matches a glob without a slash against base names', recursive: true, glob: '*.log', want: ['app/app.log', 'sshd.log'] },
  ])('$name', async ({ recursive, accept, glob, want }) => {
    const r = await listRemoteFiles(conn, logs, { recursive, ...(accept ? { accept } : {}), ...(glob ? { glob } : {}) });
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual(want.map((w) => join(logs, w)));
  });

  it('stops listing when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(listRemoteFiles(conn, logs, { recursive: true, signal: ac.signal })).rejects.toMatchObject({ error: { code: 'cancelled' } });
  });

  it('reports a missing folder as an error in words', async () => {
    const r = await listRemoteFiles(conn, join(logs, 'nope'), { recursive: true });
    expect(r.files).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'not_found', message: `${join(logs, 'nope')}: no such file or folder on the SSH host` })]);
  });
});

describe('an SSH file has the same line index as the local file', () => {
  const cases: { name: string; file: () => string }[] = [
    { name: 'a loghub OpenSSH sample (year-less syslog)', file: () => join(logs, 'sshd.log') },
    { name: 'a .gz read as it streams in', file: () => join(logs, 'app/old/app.log.1.gz') },
    {
      name: 'a 6 MB file (the local reader splits it over worker threads)',
      file: () => {
        const p = join(logs, 'big.log');
        const lines: string[] = [];
        for (let i = 0; i < 90_000; i++) lines.push(`2024-03-01T10:${String(Math.floor(i / 1500) % 60).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')}Z level=info i=${i} msg="some text"`);
        writeFileSync(p, `${lines.join('\n')}\n`);
        return p;
      },
    },
  ];
  it.each(cases)('$name', async ({ file }) => {
    const path = file();
    const local = openIndexedFile(path, { follow: false });
    const remote = openRemoteIndexedFile(conn, path, { follow: false });
    try {
      expect(await settled(local)).toMatchObject({ state: 'ready' });
      expect(await settled(remote)).toMatchObject({ state: 'ready' });
      expect(remote.lineCount()).toBeGreaterThan(0);
      expect(remote.lineCount()).toBe(local.lineCount());
      expect(remote.formatName()).toBe(local.formatName());
      expect(remote.timeSpan()).toEqual(local.timeSpan());
      expect(remote.assumedYear()).toEqual(local.assumedYear());
      expect(await allLines(remote)).toEqual(await allLines(local));
      expect(await remote.findRange(Date.UTC(2024, 2, 1, 10, 5), Date.UTC(2024, 2, 1, 10, 7))).toEqual(await local.findRange(Date.UTC(2024, 2, 1, 10, 5), Date.UTC(2024, 2, 1, 10, 7)));
      expect(remote.scanInfo?.(0, remote.lineCount())).toBeNull(); // the scan workers read local paths only
    } finally {
      await Promise.all([local.close(), remote.close()]);
    }
  }, 120_000);

});

describe('SSH file errors in words', () => {
  it('says a file the SSH user may not read is permission denied', async () => {
    const secret = join(logs, 'secret.log');
    writeFileSync(secret, 'root only\n');
    chmodSync(secret, 0o600);
    const asNobody = connectionTo(sshd, { username: 'nobody' });
    await asNobody.connect();
    try {
      const f = openRemoteIndexedFile(asNobody, secret, { follow: false });
      expect(await settled(f)).toEqual({ state: 'error', error: { code: 'permission_denied', message: `${secret}: permission denied on the SSH host`, where: { path: secret } } });
      await f.close();
      const closed = join(logs, 'closed');
      mkdirSync(closed, { mode: 0o700 });
      const r = await listRemoteFiles(asNobody, logs, { recursive: true, accept: isLogLikeName });
      expect(r.files).toContain(join(logs, 'sshd.log'));
      expect(r.errors).toContainEqual(expect.objectContaining({ code: 'permission_denied', where: { path: closed } }));
    } finally {
      await asNobody.close();
    }
  });

  it('says so when a followed file is rotated into one the SSH user may not read', async () => {
    const p = join(logs, 'rotating.log');
    writeFileSync(p, '2024-01-01T00:00:00Z a\n');
    chmodSync(p, 0o644);
    const asNobody = connectionTo(sshd, { username: 'nobody' });
    const f = openRemoteIndexedFile(asNobody, p, { follow: true, pollMs: 30 });
    try {
      expect(await settled(f)).toMatchObject({ state: 'ready' });
      renameSync(p, `${p}.1`);
      writeFileSync(p, '2024-01-01T00:00:01Z b\n', { mode: 0o600 });
      await until(() => f.status().state === 'error', 10_000, 'the follower to fail');
      expect(f.status()).toEqual({ state: 'error', error: { code: 'permission_denied', message: `${p}: permission denied on the SSH host`, where: { path: p } } });
    } finally {
      await f.close();
      await asNobody.close();
    }
  });

  it('says a missing file is not found', async () => {
    const f = openRemoteIndexedFile(conn, join(logs, 'missing.log'), { follow: false });
    expect(await settled(f)).toMatchObject({ state: 'error', error: { code: 'not_found' } });
    await f.close();
  });
});

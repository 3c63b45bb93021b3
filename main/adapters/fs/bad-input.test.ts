import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, openIndexedFile } from './index';
import { settled, tempDir } from './test-files';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const utf16 = (s: string, le: boolean): Buffer => {
  const body = Buffer.from(s, 'utf16le');
  if (!le) body.swap16();
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
};

describe('bad input', () => {
  it('reports a folder that does not exist as not_found with its path', async () => {
    const missing = join(dir, 'nope');
    expect(await discoverFiles(missing, { recursive: true })).toEqual({
      files: [],
      errors: [expect.objectContaining({ code: 'not_found', where: { path: missing } })],
    });
    const f = openIndexedFile(missing, { follow: false });
    expect(await settled(f)).toMatchObject({ state: 'error', error: { code: 'not_found', where: { path: missing } } });
  });

  it.each([
    {
      name: 'a 10 MB single line between two normal ones is truncated with a marker, neighbours intact',
      content: `2024-01-01T00:00:00Z before\n2024-01-01T00:00:01Z ${'x'.repeat(10 * 1024 * 1024)}\n2024-01-01T00:00:02Z after\n`,
      want: [
        { text: '2024-01-01T00:00:00Z before', truncated: false, byteLength: 27 },
        { truncated: true, byteLength: 21 + 10 * 1024 * 1024 },
        { text: '2024-01-01T00:00:02Z after', truncated: false, byteLength: 26 },
      ],
    },
    {
      name: 'invalid UTF-8 shows as U+FFFD',
      content: Buffer.from([...Buffer.from('ok \xff\xfe bad '), 0xc3, 0x28, 10, ...Buffer.from('next')]),
      want: [{ text: 'ok \u00ff\u00fe bad \uFFFD(' }, { text: 'next' }],
    },
    { name: 'UTF-16 LE with BOM', content: utf16('héllo\r\nwörld\n', true), want: [{ text: 'héllo', byteLength: 10 }, { text: 'wörld' }] },
    { name: 'UTF-16 BE with BOM', content: utf16('€1\n€2', false), want: [{ text: '€1' }, { text: '€2' }] },
    { name: 'CRLF line ends are stripped', content: 'a\r\nb\r\n', want: [{ text: 'a', byteLength: 1 }, { text: 'b' }] },
    { name: 'an empty file has no lines', content: '', want: [] },
  ])('$name', async ({ name, content, want }) => {
    const f = openIndexedFile(file(`${name.length}-${want.length}.log`, content), { follow: false });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    const lines = await f.read(0, 100);
    expect(lines).toHaveLength(want.length);
    lines.forEach((l, i) => expect(l).toMatchObject(want[i]!));
    if ((want[1] as { truncated?: boolean } | undefined)?.truncated) expect(lines[1]!.text.length).toBeLessThanOrEqual(64 * 1024);
    await f.close();
  });

  it('reports a binary file as unreadable "binary file"', async () => {
    const p = file('core.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 10, 65]));
    const f = openIndexedFile(p, { follow: false });
    const s = await settled(f);
    expect(s).toMatchObject({ state: 'error', error: { code: 'unreadable', where: { path: p } } });
    expect(s.state === 'error' && s.error.message).toMatch(/binary file/);
  });

  it('reads .gz files transparently', async () => {
    const p = file('app.log.gz', gzipSync('2024-01-01T00:00:00Z one\n2024-01-01T00:00:09Z two\n'));
    const f = openIndexedFile(p, { follow: false });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    expect((await f.read(0, 5)).map((l) => l.text)).toEqual(['2024-01-01T00:00:00Z one', '2024-01-01T00:00:09Z two']);
    expect(f.timeSpan()).toEqual({ first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 0, 1, 0, 0, 9) });
  });

  it('keeps going past bad entries of a folder, each with its own error', async () => {
    const root = join(dir, 'mixed');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'good.log'), 'Jun 14 15:16:01 combo sshd: ok\n');
    writeFileSync(join(root, 'sub', 'deep.log'), 'deep\n');
    writeFileSync(join(root, 'blob.log'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(root, 'notes.txt'), 'not matched\n');
    symlinkSync(join(root, 'gone.log'), join(root, 'dangling.log'));
    execFileSync('mkfifo', [join(root, 'pipe.log')]);
    const found = await discoverFiles(root, { glob: '**/*.log', recursive: true });
    expect(found.files.map((f) => f.slice(root.length + 1))).toEqual(['blob.log', 'good.log', 'pipe.log', 'sub/deep.log']);
    expect(found.errors).toEqual([expect.objectContaining({ code: 'not_found', where: { path: join(root, 'dangling.log') } })]);
    const statuses = await Promise.all(found.files.map((p) => settled(openIndexedFile(p, { follow: false }))));
    expect(statuses.map((s) => (s.state === 'error' ? s.error.code : s.state))).toEqual(['unreadable', 'ready', 'unreadable', 'ready']);
    expect((await discoverFiles(root, { glob: '*.log', recursive: false })).files).toHaveLength(3);
  });

  // Root reads anything whatever its mode, so as root the check runs in a child process
  // switched to uid/gid 65534 (nobody); otherwise chmod 000 is enough.
  it('reports a file without read permission as permission_denied', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o755);
    const p = join(locked, 'secret.log');
    writeFileSync(p, 'secret\n');
    chmodSync(p, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) {
      expect(await settled(openIndexedFile(p, { follow: false }))).toMatchObject({
        state: 'error',
        error: { code: 'permission_denied', where: { path: p } },
      });
      return;
    }
    const script = `import { openIndexedFile } from ${JSON.stringify(new URL('./index.ts', import.meta.url).pathname)};
      const f = openIndexedFile(${JSON.stringify(p)}, { follow: false });
      const t = setInterval(() => { const s = f.status(); if (s.state !== 'indexing') { console.log(JSON.stringify(s)); clearInterval(t); } }, 10);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      cwd: process.cwd(),
      env: { ...process.env, TSX_TSCONFIG_PATH: '', HOME: '/tmp' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim())).toMatchObject({ state: 'error', error: { code: 'permission_denied', where: { path: p } } });
  });
});

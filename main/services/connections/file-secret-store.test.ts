import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSecretBackend } from './file-secret-store';
import { tempConfigDir } from './test-kit';

const { dir, cleanup } = tempConfigDir();
afterAll(cleanup);

describe('the browser-mode secrets file', () => {
  it('is created with mode 0600 in a 0700 folder, and reads back what was set', async () => {
    const file = join(dir, 'fresh', 'vigie', 'connection-secrets.json');
    const b = fileSecretBackend(file);
    await b.store.set('conn:a:password', 's3cret-pw');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'fresh', 'vigie')).mode & 0o777).toBe(0o700);
    expect(await b.store.get('conn:a:password')).toBe('s3cret-pw');
    expect(await b.store.names()).toEqual(['conn:a:password']);
    expect(await b.store.delete('conn:a:password')).toBe(true);
    expect(await b.store.get('conn:a:password')).toBeUndefined();
    expect(await b.warning()).toBeNull();
  });

  it('repairs wider permissions to 0600 and warns that the secrets may have been read', async () => {
    const file = join(dir, 'wide.json');
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { 'conn:b:token': 'tok-123' } }));
    chmodSync(file, 0o644);
    const b = fileSecretBackend(file);
    expect(await b.store.get('conn:b:token')).toBe('tok-123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await b.warning()).toMatch(/had permissions 0644 .* set to 0600/);
    expect(await b.warning()).not.toContain('tok-123');
  });

  it('refuses a symlink instead of following it', async () => {
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, JSON.stringify({ version: 1, secrets: {} }), { mode: 0o600 });
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    await expect(fileSecretBackend(link).store.get('x')).rejects.toThrow(/not a regular file/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a file owned by another user', async () => {
    if (process.getuid!() !== 0) throw new Error('this test chowns a file to another user: run it as root (as CI does)');
    const file = join(dir, 'theirs.json');
    writeFileSync(file, JSON.stringify({ version: 1, secrets: {} }), { mode: 0o600 });
    chownSync(file, 4321, 4321);
    await expect(fileSecretBackend(file).store.set('conn:c:password', 'pw-xyz')).rejects.toThrow(/belongs to another user \(uid 4321\)/);
    expect(readFileSync(file, 'utf8')).not.toContain('pw-xyz');
  });

  it('refuses a damaged file without quoting any of it (the quote would be secrets)', async () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{"version": 1, "secrets": {"conn:e:password": "hunter2-hunter2"', { mode: 0o600 });
    const err = await fileSecretBackend(file).store.get('conn:e:password').catch((e: Error) => e);
    expect(String(err)).toMatch(/damaged\.json is not valid JSON/);
    expect(String(err)).not.toContain('hunter2');
  });

  it('refuses a file that is not a Vigie secrets file, leaving it untouched', async () => {
    const sub = join(dir, 'other');
    mkdirSync(sub);
    const file = join(sub, 's.json');
    writeFileSync(file, '{"hello": 1}', { mode: 0o600 });
    await expect(fileSecretBackend(file).store.set('conn:d:password', 'pw')).rejects.toThrow(/not a Vigie secrets file/);
    expect(readFileSync(file, 'utf8')).toBe('{"hello": 1}');
  });
});

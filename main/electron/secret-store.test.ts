import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, SecretsUnavailableError, type Cipher } from './secret-store';

// A reversible stand-in for safeStorage: enough to show that only ciphertext is written.
const fakeCipher = (available = true): Cipher => ({
  isAvailable: () => available,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
  decrypt: (buf) => Buffer.from([...buf].map((b) => b ^ 0x5a)).toString('utf8'),
});

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigie-secrets-'));
  file = path.join(dir, 'nested', 'secrets.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('createSecretStore', () => {
  it('round-trips a secret without writing it in plain text', async () => {
    const store = createSecretStore(file, fakeCipher());
    await store.set('loki:prod:password', 'hunter2-élan');
    expect(await store.get('loki:prod:password')).toBe('hunter2-élan');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
  });

  it('keeps the file private to the user', async () => {
    if (process.platform === 'win32') return;
    await createSecretStore(file, fakeCipher()).set('a', 'b');
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('answers undefined for an unknown secret and lists names sorted', async () => {
    const store = createSecretStore(file, fakeCipher());
    expect(await store.get('nope')).toBeUndefined();
    await Promise.all([store.set('b', '2'), store.set('a', '1'), store.set('c', '3')]);
    expect(await store.names()).toEqual(['a', 'b', 'c']);
  });

  it('deletes, and says whether there was something to delete', async () => {
    const store = createSecretStore(file, fakeCipher());
    await store.set('x', 'y');
    expect(await store.delete('x')).toBe(true);
    expect(await store.delete('x')).toBe(false);
    expect(await store.get('x')).toBeUndefined();
  });

  it('refuses to store anything when encryption is unavailable', async () => {
    const store = createSecretStore(file, fakeCipher(false));
    expect(store.available()).toBe(false);
    await expect(store.set('x', 'y')).rejects.toBeInstanceOf(SecretsUnavailableError);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([[''], ['../escape'], ['has space'], ['x'.repeat(129)]])('rejects the name %j', async (name) => {
    const store = createSecretStore(file, fakeCipher());
    await expect(store.set(name, 'v')).rejects.toThrow(/invalid secret name/);
  });
});

/**
 * Named secrets (Loki / Prometheus passwords, bearer tokens, SSH passphrases) kept encrypted
 * in one JSON file. The cipher is injected: Electron's safeStorage in the app (secrets.ts), a
 * fake in tests, so this file needs no electron and runs under plain vitest.
 *
 * Only ciphertext touches the disk. When the cipher is unavailable (no OS keychain) set()
 * refuses rather than writing something readable; the UI can then ask for the secret per
 * session instead of storing it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Cipher {
  /** False when encryption would not really protect anything (see secrets.ts). */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  names(): Promise<string[]>;
  available(): boolean;
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>; // name → base64 ciphertext
}

// Names are ids chosen by the app ("loki:prod:password"), never user text: keep them boring.
const NAME = /^[A-Za-z0-9._:@-]{1,128}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new Error(`invalid secret name ${JSON.stringify(name)}`);
}

export class SecretsUnavailableError extends Error {
  constructor() {
    super('secure storage is unavailable on this system (no OS keychain): the secret was not saved');
    this.name = 'SecretsUnavailableError';
  }
}

export function createSecretStore(file: string, cipher: Cipher): SecretStore {
  // Writes are serialised so two set() calls cannot interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<SecretFile> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw e;
    }
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${file}: not a Vigie secrets file`);
    }
    return { version: 1, secrets: { ...parsed.secrets } };
  };

  const save = async (data: SecretFile): Promise<void> => {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename: a crash mid-write leaves the old file, never a truncated one.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    await rename(tmp, file);
  };

  return {
    available: () => cipher.isAvailable(),
    async get(name) {
      checkName(name);
      await queue;
      const stored = (await load()).secrets[name];
      if (stored === undefined) return undefined;
      if (!cipher.isAvailable()) throw new SecretsUnavailableError();
      return cipher.decrypt(Buffer.from(stored, 'base64'));
    },
    async set(name, value) {
      checkName(name);
      if (!cipher.isAvailable()) throw new SecretsUnavailableError();
      const encrypted = cipher.encrypt(value).toString('base64');
      return exclusive(async () => {
        const data = await load();
        data.secrets[name] = encrypted;
        await save(data);
      });
    },
    async delete(name) {
      checkName(name);
      return exclusive(async () => {
        const data = await load();
        if (!(name in data.secrets)) return false;
        delete data.secrets[name];
        await save(data);
        return true;
      });
    },
    async names() {
      await queue;
      return Object.keys((await load()).secrets).sort();
    },
  };
}

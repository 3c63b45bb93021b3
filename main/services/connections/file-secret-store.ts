/**
 * Browser mode and CLI: secrets in one JSON file only its owner can read (mode 0600, in a
 * 0700 folder), as ~/.netrc or ~/.docker/config.json keep theirs. Every access checks the
 * file: a symlink or a file owned by someone else is refused; group/other permissions are
 * removed (repaired) and reported, since the secrets may have been readable meanwhile.
 */
import { chmod, lstat, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SecretStorageRefused, type SecretBackend, type SecretStorePort } from './secret-backend';

const POSIX = process.platform !== 'win32';

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

export function fileSecretBackend(file: string): SecretBackend {
  let repaired: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Refuses what cannot be trusted; repairs permissions wider than 0600. */
  const check = async (): Promise<boolean> => {
    let st;
    try {
      st = await lstat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    if (!st.isFile()) throw new SecretStorageRefused(`${file} is not a regular file (a symlink or a folder): refusing to use it for secrets`);
    if (!POSIX) return true;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
      throw new SecretStorageRefused(`${file} belongs to another user (uid ${st.uid}): refusing to use it for secrets`);
    }
    const mode = st.mode & 0o777;
    if (mode & 0o077) {
      await chmod(file, 0o600);
      repaired = `${file} had permissions ${mode.toString(8).padStart(4, '0')} (readable by others); they were set to 0600. Consider changing the secrets it held.`;
    }
    return true;
  };

  const load = async (): Promise<SecretFile> => {
    if (!(await check())) return { version: 1, secrets: {} };
    let parsed: Partial<SecretFile>;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SecretFile>;
    } catch (e) {
      // JSON.parse quotes the text around the error: that text is secrets. Say only where.
      if (e instanceof SyntaxError) throw new SecretStorageRefused(`${file} is not valid JSON (damaged?): fix or remove it, then enter the secrets again`);
      throw e;
    }
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new SecretStorageRefused(`${file} is not a Vigie secrets file`);
    }
    return { version: 1, secrets: { ...parsed.secrets } };
  };

  const save = async (data: SecretFile): Promise<void> => {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    // Created 0600 from the start ('wx': never through an existing file or symlink).
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data, null, 2));
      await handle.sync();
      if (POSIX && ((await handle.stat()).mode & 0o777) !== 0o600) await handle.chmod(0o600);
    } catch (e) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await handle.close();
    await rename(tmp, file);
  };

  const store: SecretStorePort = {
    async get(name) {
      await queue;
      return (await load()).secrets[name];
    },
    set: (name, value) =>
      exclusive(async () => {
        const data = await load();
        data.secrets[name] = value;
        await save(data);
      }),
    delete: (name) =>
      exclusive(async () => {
        const data = await load();
        if (!(name in data.secrets)) return false;
        delete data.secrets[name];
        await save(data);
        return true;
      }),
    async names() {
      await queue;
      return Object.keys((await load()).secrets).sort();
    },
  };

  return {
    kind: 'file',
    description: POSIX
      ? `a file only you can read (mode 0600): ${file}. Anyone with your user account, or root, can read it.`
      : `a file in your user profile: ${file}. Anyone with your user account can read it.`,
    store,
    /** A file that cannot be used (refused, damaged), else repaired permissions, else null. */
    async warning() {
      try {
        await exclusive(load);
      } catch (e) {
        return e instanceof SecretStorageRefused ? e.message : `${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`;
      }
      return repaired;
    },
  };
}
